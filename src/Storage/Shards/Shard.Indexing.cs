using Citadel.Storage.Index;
using Citadel.Storage.Index.Hnsw;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Shards;

/// <summary>
/// Background HNSW indexing of sealed segments. The maintenance loop schedules builds (never the write path); a build
/// reads the segment's immutable data without the shard lock, and the finished index is attached under the write lock
/// so searches switch from the exact scan to the graph between two requests. Searches stay exact meanwhile.
/// </summary>
public sealed partial class Shard
{
    private readonly CancellationTokenSource _indexingStop = new();
    private readonly HashSet<(long Segment, string Vector)> _failedBuilds = [];
    private volatile Task _indexing = Task.CompletedTask;
    private int _indexBuilds;

    /// <summary>Indexes this shard object has built (loaded ones do not count): lets tests tell a load from a rebuild.</summary>
    public int IndexBuildsCompleted => Volatile.Read(ref _indexBuilds);

    /// <summary>True while a sealed segment waits for an index or one is being built (Qdrant shows yellow).</summary>
    public bool IndexingPending
    {
        get
        {
            if (!_indexing.IsCompleted)
            {
                return true;
            }

            _lock.EnterReadLock();
            try
            {
                return NextIndexJob(Volatile.Read(ref _options).Indexing) is not null;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Vectors covered by ready indexes, over every segment and vector name.</summary>
    public long IndexedVectorCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                long total = 0;
                foreach (var segment in _segments)
                {
                    foreach (var index in segment.Indexes.All)
                    {
                        total += index.IndexedCount;
                    }
                }

                return total;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>The running build, or a completed task (for tests that wait for indexing to settle).</summary>
    internal Task IndexingTask => _indexing;

    /// <summary>Starts a background build when a segment needs an index, no build is running and a node slot is free.</summary>
    private void ScheduleIndexing()
    {
        if (!_indexing.IsCompleted || _disposed || _indexingStop.IsCancellationRequested)
        {
            return;
        }

        _lock.EnterReadLock();
        try
        {
            if (NextIndexJob(Volatile.Read(ref _options).Indexing) is null)
            {
                return;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        if (!IndexBuildSlots.TryAcquire())
        {
            return;
        }

        // No token here: a task cancelled before it starts would never release its slot.
        _indexing = Task.Factory.StartNew(BuildPendingIndexes, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Builds indexes one at a time until no segment needs one.</summary>
    private void BuildPendingIndexes()
    {
        try
        {
            while (!_indexingStop.IsCancellationRequested)
            {
                Segment segment;
                string vectorName;
                VectorIndexSpec spec;
                BitSet deleted;
                _lock.EnterReadLock();
                try
                {
                    if (NextIndexJob(Volatile.Read(ref _options).Indexing) is not { } job)
                    {
                        return;
                    }

                    (segment, vectorName, spec) = job;
                    deleted = segment.DeletedSnapshot();
                }
                finally
                {
                    _lock.ExitReadLock();
                }

                HnswIndex index;
                try
                {
                    index = HnswIndex.Build(segment, vectorName, spec.Distance, deleted, new HnswParameters(spec.M, spec.EfConstruct), spec.BuildThreads, _indexingStop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A background build has no caller to report to. Its segment stays exactly searchable, and is not
                    // retried every second: the set is forgotten on restart, which is when a retry makes sense.
                    lock (_failedBuilds)
                    {
                        _failedBuilds.Add((segment.Id, vectorName));
                    }

                    continue;
                }

                _lock.EnterWriteLock();
                try
                {
                    // The optimizer may have merged the segment away meanwhile; its replacement gets its own index.
                    if (_segments.Contains(segment))
                    {
                        segment.Indexes.Set(index);
                        _structureChanged = true;
                    }
                }
                finally
                {
                    _lock.ExitWriteLock();
                }

                Interlocked.Increment(ref _indexBuilds);
            }
        }
        finally
        {
            IndexBuildSlots.Release();
        }
    }

    /// <summary>
    /// The first sealed segment and vector that needs a (new) index, as Qdrant's indexing optimizer decides: once the
    /// segment's largest vector storage reaches the threshold, every vector with <c>m</c> &gt; 0 is indexed; an index
    /// built with other <c>m</c> / <c>ef_construct</c> than configured now is rebuilt (the old one serves meanwhile).
    /// Caller holds the lock.
    /// </summary>
    private (Segment Segment, string Vector, VectorIndexSpec Spec)? NextIndexJob(IndexingOptions indexing)
    {
        if (!indexing.Enabled)
        {
            return null;
        }

        foreach (var segment in _segments)
        {
            if (segment.Appendable || segment.LiveCount == 0 || !BigEnoughToIndex(segment, indexing))
            {
                continue;
            }

            foreach (var (name, store) in segment.Vectors)
            {
                if (!indexing.Vectors.TryGetValue(name, out var spec) || spec.M == 0 || store.Dimension != spec.Dimension)
                {
                    continue;
                }

                var existing = segment.Indexes.Get(name);
                if (existing is not null && existing.Parameters.M == spec.M && existing.Parameters.EfConstruct == spec.EfConstruct)
                {
                    continue;
                }

                lock (_failedBuilds)
                {
                    if (_failedBuilds.Contains((segment.Id, name)))
                    {
                        continue;
                    }
                }

                return (segment, name, spec);
            }
        }

        return null;
    }

    private static bool BigEnoughToIndex(Segment segment, IndexingOptions indexing)
    {
        foreach (var store in segment.Vectors.Values)
        {
            if (SearchPlanner.AvailableVectors(segment, store) * store.Dimension * (long)sizeof(float) >= indexing.ThresholdBytes)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Stops a running build and waits for it (on dispose).</summary>
    private void StopIndexing()
    {
        _indexingStop.Cancel();
        try
        {
            _indexing.Wait();
        }
        catch (AggregateException)
        {
            // Builds record their own failures; stopping must not fail a dispose that still has to checkpoint.
        }

        _indexingStop.Dispose();
    }
}
