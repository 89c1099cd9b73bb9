using Citadel.Storage.Collections;
using Citadel.Storage.Query.Execution;
using Citadel.Storage.Query.Planning;
using Citadel.Storage.Search;

namespace Citadel.Storage.Query;

/// <summary>
/// Runs universal queries over one collection, following Qdrant's execution: referenced ids are resolved to
/// vectors first (from this collection or the <c>lookup_from</c> one), the plan runs on every shard, the shards'
/// results are merged in the query's order, a fusion at the root fuses over all shards' results, then the offset
/// and limit apply and the requested payload and vectors are fetched once for the final page.
/// </summary>
public sealed class QueryEngine
{
    private readonly Collection _collection;
    private readonly Func<string, Collection?> _collections;

    /// <param name="collection">The searched collection.</param>
    /// <param name="collections">Finds other collections by name (for <c>lookup_from</c>); null knows only this one.</param>
    public QueryEngine(Collection collection, Func<string, Collection?>? collections = null)
    {
        _collection = collection;
        _collections = collections ?? (_ => null);
    }

    /// <summary>The hits of one query, best first.</summary>
    public List<ScoredPoint> Query(QueryRequest request) => Run(request, Resolve(request));

    /// <summary>Finds another collection by name, or throws Qdrant's not-found error.</summary>
    internal Collection Other(string name) => ReferencedVectors.Lookup(_collection, _collections, name);

    /// <summary>Fetches the vectors <paramref name="request"/> references (once, even when it runs several times).</summary>
    internal ReferencedVectors Resolve(QueryRequest request) => ReferencedVectors.Resolve(_collection, _collections, request);

    /// <summary>Runs a query whose references are already resolved.</summary>
    internal List<ScoredPoint> Run(QueryRequest request, ReferencedVectors references)
    {
        var plan = QueryPlanner.Plan(_collection, request, references);
        var root = plan.Root;
        var perShard = _collection.Shards.Select(s => ShardExecutor.Run(s, root)).ToList();

        List<ScoredPoint> ranked;
        if (root.FusesAcrossShards)
        {
            var merged = root.Sources
                .Select((source, i) => (IReadOnlyList<ScoredPoint>)ShardMerge.Merge(perShard.Select(r => r[i]).ToList(), source.Scoring, source.Limit))
                .ToList();
            ranked = ShardExecutor.Fuse(((FusionScoring)root.Scoring!).Fusion, merged, int.MaxValue, root.ScoreThreshold);
        }
        else
        {
            ranked = ShardMerge.Merge(perShard.Select(r => r[0]).ToList(), root.Scoring, root.Limit);
        }

        var page = ranked.Skip(plan.Offset).Take(plan.Limit).ToList();
        return ResultFiller.Fill(_collection, page, plan.WithPayload, plan.WithVector);
    }
}
