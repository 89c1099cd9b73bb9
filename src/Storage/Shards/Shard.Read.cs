using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Search;
using Citadel.Storage.Segments;
using Citadel.Storage.Vectors;

namespace Citadel.Storage.Shards;

public sealed partial class Shard
{
    private PointId[]? _sortedIds;
    private long _sortedAt = -1;
    private readonly object _sortedGate = new();

    /// <summary>
    /// Nearest neighbours of <paramref name="query"/> (already preprocessed for <paramref name="distance"/>) among
    /// points that have the named vector and match <paramref name="filter"/>: per segment through its HNSW index when
    /// it has one and the planner prefers it, otherwise by exact SIMD scan (always with <c>exact</c>).
    /// Returns at most <paramref name="top"/> hits, best first.
    /// </summary>
    public List<ScoredPoint> Search(string vectorName, float[] query, Distance distance, Filter? filter, int top, float? scoreThreshold, PayloadSelector withPayload, VectorSelector withVector, SearchParams? searchParams = null)
    {
        var indexing = Volatile.Read(ref _options).Indexing;
        _lock.EnterReadLock();
        try
        {
            // The heap is sized by what the shard holds, not by the caller's limit + offset, which may be huge.
            long held = 0;
            foreach (var segment in _segments)
            {
                held += segment.Count;
            }

            var heap = new TopK<PointLocation>((int)Math.Min(top, held));
            var prepared = PrepareFilter(filter);
            foreach (var segment in _segments)
            {
                if (!segment.Vectors.TryGetValue(vectorName, out var store) || store.Dimension != query.Length)
                {
                    continue;
                }

                SearchSegment(segment, store, vectorName, query, distance, prepared, top, scoreThreshold, searchParams ?? SearchParams.Default, indexing, heap);
            }

            var hits = heap.Drain();
            var result = new List<ScoredPoint>(hits.Count);
            foreach (var (similarity, _, loc) in hits)
            {
                result.Add(new ScoredPoint(
                    loc.Segment.IdAt(loc.Offset),
                    loc.Segment.VersionAt(loc.Offset),
                    distance.HigherIsBetter() ? similarity : -similarity,
                    SelectPayload(loc, withPayload),
                    SelectVectors(loc, withVector)));
            }

            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The stored vector of a point, for queries that use an existing point as the query.</summary>
    public float[]? GetVector(PointId id, string vectorName)
    {
        _lock.EnterReadLock();
        try
        {
            return _points.TryGetValue(id, out var loc) && loc.Segment.Vectors.TryGetValue(vectorName, out var store) && store.Has(loc.Offset)
                ? store.Get(loc.Offset).ToArray()
                : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>True when a live point has this id.</summary>
    public bool Contains(PointId id)
    {
        _lock.EnterReadLock();
        try
        {
            return _points.ContainsKey(id);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The listed points that exist, in the order asked.</summary>
    public List<PointRecord> Retrieve(IEnumerable<PointId> ids, PayloadSelector withPayload, VectorSelector withVector)
    {
        var result = new List<PointRecord>();
        _lock.EnterReadLock();
        try
        {
            foreach (var id in ids)
            {
                if (_points.TryGetValue(id, out var loc))
                {
                    result.Add(new PointRecord(id, SelectPayload(loc, withPayload), SelectVectors(loc, withVector)));
                }
            }

            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Up to <paramref name="limit"/> points with id ≥ <paramref name="offset"/> matching the filter, in id order.</summary>
    public List<PointRecord> Scroll(PointId? offset, int limit, Filter? filter, PayloadSelector withPayload, VectorSelector withVector)
    {
        var result = new List<PointRecord>(Math.Min(limit, 1024));
        _lock.EnterReadLock();
        try
        {
            var prepared = PrepareFilter(filter);
            if (prepared is not null && ScrollCandidates(prepared, offset, limit) is { } page)
            {
                result.AddRange(page.Select(p => new PointRecord(p.Id, SelectPayload(p.Location, withPayload), SelectVectors(p.Location, withVector))));
                return result;
            }

            var sorted = SortedIds();
            var start = 0;
            if (offset is { } from)
            {
                start = Array.BinarySearch(sorted, from);
                if (start < 0)
                {
                    start = ~start;
                }
            }

            for (var i = start; i < sorted.Length && result.Count < limit; i++)
            {
                var loc = _points[sorted[i]];
                if (prepared is not null && !prepared.Matches(loc.Segment, loc.Offset))
                {
                    continue;
                }

                result.Add(new PointRecord(sorted[i], SelectPayload(loc, withPayload), SelectVectors(loc, withVector)));
            }

            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Number of points matching the filter.</summary>
    public int Count(Filter? filter)
    {
        _lock.EnterReadLock();
        try
        {
            if (filter is null)
            {
                return _points.Count;
            }

            var prepared = PrepareFilter(filter)!;
            var count = 0;
            foreach (var segment in _segments)
            {
                foreach (var _ in prepared.MatchingOffsets(segment))
                {
                    count++;
                }
            }

            return count;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>A key that orders like the point id for tie-breaking.</summary>
    internal static ulong TieKey(PointId id) => id.IsUuid ? ulong.MaxValue : id.Num;

    private static JsonElement? SelectPayload(PointLocation loc, PayloadSelector selector)
    {
        if (ReferenceEquals(selector, PayloadSelector.None))
        {
            return null;
        }

        var payload = loc.Segment.PayloadAt(loc.Offset);
        return PayloadOps.Select(payload, selector);
    }

    private static Dictionary<string, float[]>? SelectVectors(PointLocation loc, VectorSelector selector)
    {
        if (selector.IsNone)
        {
            return null;
        }

        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, store) in loc.Segment.Vectors)
        {
            if (selector.Includes(name) && store.Has(loc.Offset))
            {
                result[name] = store.Get(loc.Offset).ToArray();
            }
        }

        return result;
    }

    /// <summary>All live ids in order; rebuilt lazily after writes (caller holds the read lock).</summary>
    private PointId[] SortedIds()
    {
        lock (_sortedGate)
        {
            if (_sortedIds is null || _sortedAt != _mutations)
            {
                var ids = new PointId[_points.Count];
                _points.Keys.CopyTo(ids, 0);
                Array.Sort(ids);
                _sortedIds = ids;
                _sortedAt = _mutations;
            }

            return _sortedIds;
        }
    }
}
