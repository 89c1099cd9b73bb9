using Citadel.Storage.Index.Payload;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Shards;

public sealed partial class Shard
{
    /// <summary>
    /// Background upkeep, called periodically: vacuums or merges sealed segments when worthwhile, otherwise starts
    /// a background index build when a sealed segment needs one, then checkpoints when changes are older than the
    /// flush interval or the WAL has grown past one file.
    /// </summary>
    public void Maintain()
    {
        if (_disposed || _failure is not null)
        {
            return;
        }

        // Index only once the optimizer is idle: a segment about to be merged away is not worth a graph.
        if (!Optimize())
        {
            ScheduleIndexing();
        }

        var options = Volatile.Read(ref _options);
        if (DateTime.UtcNow - _lastCheckpoint >= options.FlushInterval || _wal.SizeBytes >= options.WalSegmentBytes)
        {
            Checkpoint();
        }
    }

    /// <summary>
    /// Rebuilds sealed segments that carry too many deleted points (vacuum), or merges the smallest sealed segments
    /// when there are more than the target count. Live points are copied outside the lock (sealed data never
    /// changes); the swap takes the write lock briefly and drops any point deleted while copying.
    /// </summary>
    /// <returns>True when segments were rebuilt.</returns>
    public bool Optimize()
    {
        lock (_maintenanceGate)
        {
            var options = Volatile.Read(ref _options);
            List<Segment> victims;
            List<BitSet> deletedAtStart;
            _lock.EnterReadLock();
            try
            {
                if (_disposed || _failure is not null)
                {
                    return false;
                }

                victims = PickVictims(options);
                deletedAtStart = victims.ConvertAll(s => s.DeletedSnapshot());
            }
            finally
            {
                _lock.ExitReadLock();
            }

            if (victims.Count == 0)
            {
                return false;
            }

            var live = 0;
            for (var i = 0; i < victims.Count; i++)
            {
                live += victims[i].Count - deletedAtStart[i].Count;
            }

            var rebuilt = new Segment(Interlocked.Increment(ref _nextSegmentId), Math.Max(1, live)) { Appendable = false };
            var moves = new List<(Segment From, int FromOffset, int ToOffset)>(live);
            for (var i = 0; i < victims.Count; i++)
            {
                var source = victims[i];
                for (var o = 0; o < source.Count; o++)
                {
                    if (!deletedAtStart[i].Get(o))
                    {
                        moves.Add((source, o, rebuilt.AppendCopy(source, o)));
                    }
                }
            }

            // Indexes are built before the swap, outside the lock; the swap rebuilds only if the schema changed meanwhile.
            var prebuilt = SegmentPayloadIndex.BuildMissing(rebuilt, Volatile.Read(ref _payloadSchema));
            _lock.EnterWriteLock();
            try
            {
                AttachPayloadIndexes(rebuilt, prebuilt);
                foreach (var (from, fromOffset, toOffset) in moves)
                {
                    if (from.IsDeleted(fromOffset))
                    {
                        rebuilt.Delete(toOffset);
                    }
                    else
                    {
                        _points[from.IdAt(fromOffset)] = new PointLocation(rebuilt, toOffset);
                    }
                }

                var insertAt = _segments.IndexOf(victims[0]);
                foreach (var victim in victims)
                {
                    _segments.Remove(victim);
                }

                if (rebuilt.LiveCount > 0)
                {
                    _segments.Insert(Math.Min(insertAt, _segments.IndexOf(_appendable)), rebuilt);
                }

                _structureChanged = true;
                _mutations++;
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            return true;
        }
    }

    private List<Segment> PickVictims(ShardOptions options)
    {
        var sealedSegments = _segments.Where(s => !s.Appendable).ToList();
        var vacuum = sealedSegments
            .Where(s => s.Count >= options.VacuumMinVectorNumber && s.DeletedCount > s.Count * options.DeletedThreshold)
            .OrderByDescending(s => s.DeletedCount)
            .Take(1)
            .ToList();
        if (vacuum.Count > 0)
        {
            return vacuum;
        }

        if (sealedSegments.Count <= options.TargetSegmentCount)
        {
            return [];
        }

        // Merge the smallest segments while the result stays under the size cap.
        var merge = new List<Segment>();
        long size = 0;
        foreach (var s in sealedSegments.OrderBy(s => s.LiveCount))
        {
            if (merge.Count >= 2 && size + s.LiveCount > options.MaxSegmentPoints)
            {
                break;
            }

            merge.Add(s);
            size += s.LiveCount;
            if (sealedSegments.Count - merge.Count + 1 <= options.TargetSegmentCount && merge.Count >= 2)
            {
                break;
            }
        }

        return merge.Count >= 2 ? merge : [];
    }
}
