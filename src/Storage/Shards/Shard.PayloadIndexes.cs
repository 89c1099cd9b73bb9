using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload;
using Citadel.Storage.Index.Payload.Fields;
using Citadel.Storage.Index.Payload.Planning;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Shards;

public sealed partial class Shard
{
    private PayloadSchema _payloadSchema = PayloadSchema.Empty;

    /// <summary>
    /// Makes every segment index exactly the fields of <paramref name="schema"/>: missing indexes of sealed segments
    /// are built in parallel outside the lock (their payloads never change), then the schema is switched under the
    /// write lock, where the appendable segment gets its mutable indexes and dropped fields are let go.
    /// </summary>
    public void SetPayloadIndexes(PayloadSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        List<Segment> sealedSegments;
        _lock.EnterReadLock();
        try
        {
            sealedSegments = _segments.Where(s => !s.Appendable).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }

        var prebuilt = new ConcurrentDictionary<Segment, Dictionary<JsonPath, FieldIndex>>();
        Parallel.ForEach(sealedSegments, s => prebuilt[s] = SegmentPayloadIndex.BuildMissing(s, schema));

        _lock.EnterWriteLock();
        try
        {
            Volatile.Write(ref _payloadSchema, schema);
            foreach (var segment in _segments)
            {
                AttachPayloadIndexes(segment, prebuilt.GetValueOrDefault(segment));
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Live points with a value in the index of <paramref name="field"/> (Qdrant's <c>points</c> in <c>payload_schema</c>).</summary>
    public long CountIndexedPoints(JsonPath field)
    {
        _lock.EnterReadLock();
        try
        {
            long count = 0;
            foreach (var segment in _segments)
            {
                if (segment.PayloadIndex?.Find(field) is { } index)
                {
                    count += index.CountPoints(segment);
                }
            }

            return count;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Prepares a filter for this shard's indexes: the planner's entry point (then <see cref="IndexedFilter.Candidates"/>,
    /// <see cref="IndexedFilter.MatchingOffsets"/>, <see cref="Segment.EstimateCardinality"/>). Call under the read lock.
    /// </summary>
    internal IndexedFilter? PrepareFilter(Filter? filter) => IndexedFilter.Create(filter, _payloadSchema, TryLocate);

    /// <summary>The live offsets of <paramref name="segment"/> matching <paramref name="filter"/> (all live offsets without one).</summary>
    internal static IEnumerable<int> MatchingOffsets(Segment segment, IndexedFilter? filter) =>
        filter is null ? LiveOffsets(segment) : filter.MatchingOffsets(segment);

    /// <summary>Gives a segment the indexes of the current schema (building what it lacks). Caller holds the write lock.</summary>
    private void AttachPayloadIndexes(Segment segment, IReadOnlyDictionary<JsonPath, FieldIndex>? prebuilt = null) =>
        segment.PayloadIndex = SegmentPayloadIndex.Reconcile(segment, _payloadSchema, prebuilt);

    private static IEnumerable<int> LiveOffsets(Segment segment)
    {
        for (var o = 0; o < segment.Count; o++)
        {
            if (!segment.IsDeleted(o))
            {
                yield return o;
            }
        }
    }

    private bool TryLocate(PointId id, [NotNullWhen(true)] out Segment? segment, out int offset)
    {
        if (_points.TryGetValue(id, out var location))
        {
            segment = location.Segment;
            offset = location.Offset;
            return true;
        }

        segment = null;
        offset = 0;
        return false;
    }
}
