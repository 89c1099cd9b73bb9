using Citadel.Storage.Collections;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Query.Execution;
using Citadel.Storage.Query.Planning;
using Citadel.Storage.Search;
using Citadel.Storage.Vectors;

namespace Citadel.Storage.Query.Groups;

/// <summary>
/// Qdrant's group-by (<c>grouping/group_by.rs</c>): rounds of the source query, each asking for
/// <c>groups × group_size</c> hits (and <c>groups</c> times every prefetch limit) with the group-by field present,
/// outside the groups already full and without the points already seen, until the best groups are full; then rounds
/// targeting the best groups still short of hits. The best groups come back best first with their best hits,
/// their payload and vectors as requested, and the looked-up record when <c>with_lookup</c> is set.
/// </summary>
internal sealed class GroupsEngine(Collection collection, QueryEngine engine)
{
    /// <summary>Qdrant's <c>MAX_GET_GROUPS_REQUESTS</c> and <c>MAX_GROUP_FILLING_REQUESTS</c>.</summary>
    private const int MaxRounds = 5;

    public List<PointGroup> Run(QueryGroupsRequest request)
    {
        var source = request.Source;
        var references = engine.Resolve(source);
        var aggregator = new GroupsAggregator(request.Limit, request.GroupSize, request.GroupBy, LargerIsBetter(source));
        var round = source with
        {
            Limit = (int)Math.Min((long)request.Limit * request.GroupSize, int.MaxValue),
            Offset = 0,
            Prefetches = source.Prefetches.Select(p => Scaled(p, request.Limit)).ToList(),
            Filter = Filters.And(source.Filter, GroupFilters.HasKey(request.GroupBy)),
            WithPayload = PayloadSelector.Include([request.GroupBy.StripWildcardSuffix()]),
            WithVector = VectorSelector.None,
        };

        var filled = Rounds(aggregator, references, round, () => GroupFilters.OutsideOf(request.GroupBy, aggregator.FullGroups), request.Limit);
        if (!filled)
        {
            Rounds(aggregator, references, round, () => GroupFilters.InsideOf(request.GroupBy, aggregator.UnfilledBestGroups()), request.Limit);
        }

        var groups = aggregator.Distill();
        // The rounds fetched the group-by field only; the hits carry what the caller asked for instead (maybe nothing).
        var bare = groups.SelectMany(g => g.Hits).DistinctBy(h => h.Id).Select(h => h with { Payload = null, Vectors = null }).ToList();
        var hits = ResultFiller.Fill(collection, bare, source.WithPayload, source.WithVector).ToDictionary(h => h.Id);
        var lookups = request.WithLookup is { } lookup ? Lookups(lookup, groups.Select(g => g.Id)) : null;

        return groups.Select(g => new PointGroup(
            g.Id,
            g.Hits.Where(h => hits.ContainsKey(h.Id)).Select(h => hits[h.Id] with { Score = h.Score }).ToList(),
            lookups is not null && lookups.TryGetValue(g.Id, out var record) ? record : null)).ToList();
    }

    /// <summary>Up to <see cref="MaxRounds"/> rounds; true once the best groups are all full.</summary>
    private bool Rounds(GroupsAggregator aggregator, ReferencedVectors references, QueryRequest round, Func<Filtering.Filter?> narrowing, int groups)
    {
        for (var i = 0; i < MaxRounds; i++)
        {
            var filter = Filters.Without(Filters.And(round.Filter, narrowing()), aggregator.Ids.ToList());
            var hits = engine.Run(round with { Filter = filter }, references);
            if (hits.Count == 0)
            {
                return false;
            }

            aggregator.Add(hits);
            if (aggregator.FilledBestGroups() >= groups)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The records whose ids are group ids (strings must be UUIDs, integers non-negative), by group id.</summary>
    private Dictionary<GroupId, PointRecord> Lookups(WithLookup lookup, IEnumerable<GroupId> groupIds)
    {
        var other = engine.Other(lookup.Collection);
        var ids = new List<PointId>();
        foreach (var g in groupIds)
        {
            if (g.Kind == GroupIdKind.Unsigned)
            {
                ids.Add(PointId.FromNum(g.Unsigned));
            }
            else if (g.Kind == GroupIdKind.String && PointId.TryParseUuid(g.Text!, out var uuid))
            {
                ids.Add(uuid);
            }
        }

        // Qdrant keys the found records by their canonical id, so "ABC…" (upper-case) finds no record for its group.
        return other.Retrieve(ids, lookup.WithPayload, lookup.WithVectors)
            .ToDictionary(r => r.Id.IsUuid ? GroupId.Of(r.Id.ToString()) : GroupId.Of(r.Id.Num));
    }

    private bool LargerIsBetter(QueryRequest source) => source.Query switch
    {
        null => false,
        NearestQuery or RecommendQuery { Strategy: RecommendStrategy.AverageVector } =>
            Collection.RequireVectorName(collection.Config.Params.Vectors, source.Using).Distance.HigherIsBetter(),
        _ => true,
    };

    private static Prefetch Scaled(Prefetch p, int groups) => p with
    {
        Limit = (int)Math.Min((long)p.Limit * groups, int.MaxValue),
        Prefetches = p.Prefetches.Select(n => Scaled(n, groups)).ToList(),
    };
}
