using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Index.Payload.Stores;
using Citadel.Storage.Payloads;
using Citadel.Storage.Segments;
using Citadel.Storage.Shards;

namespace Citadel.Storage.Index.Payload.Planning;

/// <summary>
/// A filter prepared against a shard's payload indexes, for one query. <see cref="FilterEvaluator"/> stays the judge of
/// every point (<see cref="Matches"/>); the indexes only say which offsets are worth asking about
/// (<see cref="Candidates"/>, a superset of the matches) and how many points may match
/// (<see cref="EstimateCardinality"/>). Use it under the shard's read lock, where segments and indexes hold still.
/// </summary>
internal sealed partial class IndexedFilter
{
    private readonly PointLocator _locate;
    private readonly Dictionary<CacheKey, CandidateSet?> _cache = [];
    private readonly Lock _cacheGate = new();

    private IndexedFilter(Filter filter, PointLocator locate)
    {
        Filter = filter;
        _locate = locate;
    }

    /// <summary>The filter as evaluated: text matches on full-text-indexed fields carry the index's tokenizer.</summary>
    public Filter Filter { get; }

    /// <summary>Prepares <paramref name="filter"/>; null stays null (no filter).</summary>
    public static IndexedFilter? Create(Filter? filter, PayloadSchema schema, PointLocator locate) =>
        filter is null ? null : new IndexedFilter(FilterRewriter.Rewrite(filter, schema), locate);

    /// <summary>True when the point at <paramref name="offset"/> matches (deleted or not).</summary>
    public bool Matches(Segment segment, int offset) => FilterEvaluator.Matches(Filter, new SegmentPoint(segment, offset));

    /// <summary>
    /// Offsets of <paramref name="segment"/> that may match (a superset, deleted points included), or null when the
    /// indexes cannot narrow the filter and every offset must be checked.
    /// </summary>
    public CandidateSet? Candidates(Segment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return FilterCandidates(segment, Filter, null, nested: false);
    }

    /// <summary>The live offsets of <paramref name="segment"/> that match, in increasing order.</summary>
    public IEnumerable<int> MatchingOffsets(Segment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (Candidates(segment) is not { } candidates)
        {
            for (var o = 0; o < segment.Count; o++)
            {
                if (!segment.IsDeleted(o) && Matches(segment, o))
                {
                    yield return o;
                }
            }

            yield break;
        }

        foreach (var o in candidates)
        {
            if (o < segment.Count && !segment.IsDeleted(o) && Matches(segment, o))
            {
                yield return o;
            }
        }
    }

    private CandidateSet? FilterCandidates(Segment segment, Filter filter, JsonPath? prefix, bool nested)
    {
        CandidateSet? result = null;
        foreach (var condition in filter.Must)
        {
            Intersect(ref result, ConditionCandidates(segment, condition, prefix, nested));
        }

        // An empty `should` constrains nothing; otherwise a match satisfies one of them, so their union covers it.
        if (filter.Should.Count > 0)
        {
            Intersect(ref result, Union(segment, filter.Should, prefix, nested));
        }

        if (filter.MinShould is { MinCount: > 0 } minShould)
        {
            Intersect(ref result, Union(segment, minShould.Conditions, prefix, nested));
        }

        return result;
    }

    private CandidateSet? Union(Segment segment, IReadOnlyList<Condition> conditions, JsonPath? prefix, bool nested)
    {
        var union = new CandidateSet(segment.Count);
        foreach (var condition in conditions)
        {
            if (ConditionCandidates(segment, condition, prefix, nested) is not { } set)
            {
                return null;
            }

            union.UnionWith(set);
        }

        return union;
    }

    /// <summary>Candidates of one condition (shared, never modified), or null when no index narrows it.</summary>
    private CandidateSet? ConditionCandidates(Segment segment, Condition condition, JsonPath? prefix, bool nested)
    {
        switch (condition)
        {
            case FieldCondition field:
                var path = prefix is null ? field.Key : prefix.NestedKey(field.Key);
                return segment.PayloadIndex?.Find(path) is { } index
                    ? Cached(segment, condition, prefix, () => index.Candidates(field, segment.Count))
                    : null;
            case HasIdCondition hasId:
                // Inside a nested filter an id test never holds: the element has no id.
                return nested ? new CandidateSet(0) : Cached(segment, condition, prefix, () => IdCandidates(segment, hasId));
            case FilterCondition inner:
                return FilterCandidates(segment, inner.Filter, prefix, nested);
            case NestedCondition nestedCondition:
                var arrayPath = prefix is null ? nestedCondition.Key : prefix.NestedKey(nestedCondition.Key);
                return FilterCandidates(segment, nestedCondition.Filter, arrayPath, nested: true);
            default:
                return null;
        }
    }

    private CandidateSet IdCandidates(Segment segment, HasIdCondition hasId)
    {
        var set = new CandidateSet(segment.Count);
        foreach (var id in hasId.Ids)
        {
            if (_locate(id, out var at, out var offset) && ReferenceEquals(at, segment))
            {
                set.Add(offset);
            }
        }

        return set;
    }

    private CandidateSet? Cached(Segment segment, Condition condition, JsonPath? prefix, Func<CandidateSet?> compute)
    {
        var key = new CacheKey(segment, condition, prefix);
        lock (_cacheGate)
        {
            if (_cache.TryGetValue(key, out var cached))
            {
                return cached;
            }
        }

        var computed = compute();
        lock (_cacheGate)
        {
            _cache[key] = computed;
        }

        return computed;
    }

    private static void Intersect(ref CandidateSet? result, CandidateSet? set)
    {
        if (set is null)
        {
            return;
        }

        if (result is null)
        {
            result = set.Clone();
        }
        else
        {
            result.IntersectWith(set);
        }
    }

    /// <summary>Identity of a condition in a segment: the same condition object at the same nesting.</summary>
    private readonly struct CacheKey(Segment segment, Condition condition, JsonPath? prefix) : IEquatable<CacheKey>
    {
        public bool Equals(CacheKey other) =>
            ReferenceEquals(segment, other.Segment) && ReferenceEquals(condition, other.Condition) && Equals(prefix, other.Prefix);

        public override bool Equals(object? obj) => obj is CacheKey other && Equals(other);

        public override int GetHashCode() =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(segment), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(condition), prefix);

        private Segment Segment => segment;

        private Condition Condition => condition;

        private JsonPath? Prefix => prefix;
    }
}
