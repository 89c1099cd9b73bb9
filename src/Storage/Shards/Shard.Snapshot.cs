using Citadel.Storage.Snapshots;

namespace Citadel.Storage.Shards;

public sealed partial class Shard
{
    /// <summary>
    /// Checkpoints and opens every file the checkpoint consists of (manifest, segment data, deleted sets, vector
    /// indexes), with paths relative to the shard directory. Writes only wait for the checkpoint's copy of the
    /// appendable segment; afterwards they and later checkpoints go on while the caller streams the returned handles,
    /// which keep the checkpoint's content readable even once newer checkpoints delete those files.
    /// </summary>
    public IReadOnlyList<SnapshotEntry> CaptureCheckpointFiles()
    {
        lock (_maintenanceGate)
        {
            ThrowIfUnusable();
            Checkpoint();
            var manifest = ShardManifest.Load(_directory);
            var entries = new List<SnapshotEntry>();
            if (manifest is null)
            {
                // Never written: an empty shard restores from no files.
                return entries;
            }

            try
            {
                entries.Add(SnapshotEntry.OpenFile(ShardManifest.FileName, Path.Combine(_directory, ShardManifest.FileName)));
                foreach (var segment in manifest.Segments)
                {
                    foreach (var file in SegmentFiles(segment))
                    {
                        entries.Add(SnapshotEntry.OpenFile($"{SegmentsDirectory}/{file}", Path.Combine(_directory, SegmentsDirectory, file)));
                    }
                }
            }
            catch
            {
                SnapshotEntry.DisposeAll(entries);
                throw;
            }

            return entries;
        }
    }

    /// <summary>Read-only, confined access to the files in this shard's directory.</summary>
    public ShardFileReader Files => new(_directory);

    private static IEnumerable<string> SegmentFiles(ManifestSegment segment)
    {
        yield return segment.Data;
        if (segment.Deleted is not null)
        {
            yield return segment.Deleted;
        }

        foreach (var index in segment.Indexes?.Values ?? [])
        {
            yield return index;
        }
    }
}
