using Citadel.Storage.IO;
using Citadel.Storage.Operations;
using Citadel.Storage.Segments;
using Citadel.Storage.Wal;

namespace Citadel.Storage.Shards;

public sealed partial class Shard
{
    /// <summary>
    /// Opens (or creates) the shard in <paramref name="directory"/>: loads the last checkpoint, then replays every
    /// WAL record after it. A torn last WAL record (a crash mid-write) is dropped by the WAL itself.
    /// </summary>
    public static Shard Open(uint id, string directory, ShardOptions options)
    {
        var segmentsDir = Path.Combine(directory, SegmentsDirectory);
        Directory.CreateDirectory(segmentsDir);
        var manifest = ShardManifest.Load(directory);
        var version = manifest?.Version ?? 0;
        var wal = WriteAheadLog.Open(Path.Combine(directory, WalDirectory), new WalOptions(options.WalSegmentBytes), version + 1);
        var shard = new Shard(id, directory, options, wal, new Segment(0))
        {
            _version = version,
            _checkpointVersion = version,
            _nextSegmentId = manifest?.NextSegmentId ?? 0,
        };
        try
        {
            shard.LoadSegments(manifest, segmentsDir);
            foreach (var record in wal.ReadFrom(version + 1))
            {
                shard.Apply(OperationCodec.Decode(record.Payload), record.Index);
            }
        }
        catch
        {
            wal.Dispose();
            throw;
        }

        return shard;
    }

    /// <summary>
    /// Writes the current state to disk and truncates the WAL before it. Safe to call concurrently with reads
    /// and writes: only copying the appendable segment holds the read lock.
    /// </summary>
    public void Checkpoint()
    {
        lock (_maintenanceGate)
        {
            var plan = new List<(Segment Live, Segment Image, Segments.BitSet? Deleted, bool WriteData, IReadOnlyCollection<Index.Hnsw.HnswIndex> Indexes)>();
            ulong version;
            _lock.EnterReadLock();
            try
            {
                if (_failure is not null || (_version == _checkpointVersion && !_structureChanged))
                {
                    return;
                }

                version = _version;
                foreach (var segment in _segments)
                {
                    if (segment.Appendable)
                    {
                        plan.Add((segment, segment.CopyForCheckpoint(), null, true, []));
                    }
                    else if (!segment.DataPersisted || segment.DeletionsDirty)
                    {
                        plan.Add((segment, segment, segment.DeletedSnapshot(), !segment.DataPersisted, segment.Indexes.All));
                    }
                    else
                    {
                        plan.Add((segment, segment, null, false, segment.Indexes.All));
                    }

                    segment.DeletionsDirty = false;
                }

                _structureChanged = false;
            }
            finally
            {
                _lock.ExitReadLock();
            }

            var segmentsDir = Path.Combine(_directory, SegmentsDirectory);
            var entries = new List<ManifestSegment>(plan.Count);
            try
            {
                foreach (var (live, image, deleted, writeData, indexes) in plan)
                {
                    var dataFile = live.DataFile;
                    var deletedFile = live.DeletedFile;
                    if (writeData)
                    {
                        dataFile = $"seg-{live.Id}-v{version}.dat";
                        var bits = deleted ?? image.DeletedSnapshot();
                        DurableFile.Write(Path.Combine(segmentsDir, dataFile), s => SegmentFile.Write(s, image, bits));
                        deletedFile = null;
                    }
                    else if (deleted is not null)
                    {
                        deletedFile = $"seg-{live.Id}-del-v{version}.bits";
                        DurableFile.Write(Path.Combine(segmentsDir, deletedFile), s => SegmentFile.WriteDeleted(s, deleted, image.Count));
                    }

                    entries.Add(new ManifestSegment(live.Id, image.Appendable, dataFile!, deletedFile, WriteIndexFiles(live, indexes, segmentsDir, version)));
                    if (!live.Appendable)
                    {
                        live.DataPersisted = true;
                    }

                    live.DataFile = dataFile;
                    live.DeletedFile = deletedFile;
                }

                new ShardManifest(version, Interlocked.Read(ref _nextSegmentId), entries).Save(_directory);
            }
            catch (IOException)
            {
                // Nothing is lost (the WAL is intact); make the next attempt write everything again.
                foreach (var (live, _, deleted, _, _) in plan)
                {
                    if (deleted is not null)
                    {
                        live.DeletionsDirty = true;
                    }
                }

                _structureChanged = true;
                throw;
            }

            _checkpointVersion = version;
            _lastCheckpoint = DateTime.UtcNow;
            _wal.TruncateBefore(version + 1);
            DeleteUnreferencedFiles(segmentsDir, entries);
        }
    }

    private static void DeleteUnreferencedFiles(string segmentsDir, List<ManifestSegment> entries)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            keep.Add(e.Data);
            if (e.Deleted is not null)
            {
                keep.Add(e.Deleted);
            }

            foreach (var indexFile in e.Indexes?.Values ?? [])
            {
                keep.Add(indexFile);
            }
        }

        foreach (var file in Directory.EnumerateFiles(segmentsDir))
        {
            if (!keep.Contains(Path.GetFileName(file)))
            {
                File.Delete(file);
            }
        }
    }

    private void LoadSegments(ShardManifest? manifest, string segmentsDir)
    {
        _segments.Clear();
        Segment? appendable = null;
        foreach (var entry in manifest?.Segments ?? [])
        {
            var segment = SegmentFile.Read(Path.Combine(segmentsDir, entry.Data));
            if (entry.Deleted is not null)
            {
                segment.ReplaceDeleted(SegmentFile.ReadDeleted(Path.Combine(segmentsDir, entry.Deleted)));
            }

            segment.Appendable = entry.Appendable;
            if (!entry.Appendable)
            {
                LoadIndexFiles(segment, entry.Indexes, segmentsDir);
            }

            segment.DataPersisted = !entry.Appendable;
            segment.DataFile = entry.Data;
            segment.DeletedFile = entry.Deleted;
            if (entry.Appendable)
            {
                appendable = segment;
            }

            _segments.Add(segment);
        }

        // Rebuild the id index; should a crash ever leave a point live twice, the newest version wins.
        foreach (var segment in _segments)
        {
            for (var o = 0; o < segment.Count; o++)
            {
                if (segment.IsDeleted(o))
                {
                    continue;
                }

                var id = segment.IdAt(o);
                if (_points.TryGetValue(id, out var existing))
                {
                    if (existing.Segment.VersionAt(existing.Offset) >= segment.VersionAt(o))
                    {
                        segment.Delete(o);
                        continue;
                    }

                    existing.Segment.Delete(existing.Offset);
                }

                _points[id] = new PointLocation(segment, o);
            }
        }

        if (appendable is null)
        {
            NewAppendable();
        }
        else
        {
            _segments.Remove(appendable);
            _segments.Add(appendable);
            _appendable = appendable;
        }
    }
}
