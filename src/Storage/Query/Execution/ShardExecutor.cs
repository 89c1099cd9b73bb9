using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Query.Planning;
using Citadel.Storage.Query.Scorers;
using Citadel.Storage.Search;
using Citadel.Storage.Shards;

namespace Citadel.Storage.Query.Execution;

/// <summary>
/// Runs a plan on one shard, as Qdrant's local shard does: leaves read the shard, every node with sources rescores
/// the union of its sources' candidates on this shard, except a fusion at the root, whose sources are returned
/// as they are so that the fusion can see every shard's results.
/// </summary>
internal static class ShardExecutor
{
    /// <summary>The root's result: one list, or one list per source when the root fuses across shards.</summary>
    public static List<List<ScoredPoint>> Run(Shard shard, PlanNode root)
    {
        if (root.FusesAcrossShards)
        {
            return root.Sources.Select(s => Source(shard, s)).ToList();
        }

        return [Source(shard, root)];
    }

    private static List<ScoredPoint> Source(Shard shard, PlanNode node) =>
        node.IsLeaf ? Leaf(shard, node) : Rescore(shard, node, node.Sources.Select(s => Source(shard, s)).ToList());

    private static List<ScoredPoint> Leaf(Shard shard, PlanNode node) => node.Scoring switch
    {
        VectorScoring { Scorer: NearestScorer nearest } v =>
            shard.Search(v.Using, nearest.Query, nearest.Distance, node.Filter, node.Limit, node.ScoreThreshold, PayloadSelector.None, VectorSelector.None, node.Params),
        VectorScoring v => shard.ScanScored(v.Using, v.Scorer, node.Filter, null, node.Limit, node.ScoreThreshold),
        OrderByScoring o => Ordered(shard.ScrollOrdered(o.OrderBy, node.Limit, node.Filter, PayloadSelector.None, VectorSelector.None)),
        SampleScoring => shard.Sample(node.Limit, node.Filter, null, Random.Shared),
        null => shard.Scroll(null, node.Limit, node.Filter, PayloadSelector.None, VectorSelector.None).Select(Listed).ToList(),
        _ => throw new InvalidOperationException($"{node.Scoring.GetType().Name} cannot read a shard directly"),
    };

    private static List<ScoredPoint> Rescore(Shard shard, PlanNode node, List<List<ScoredPoint>> sources)
    {
        switch (node.Scoring)
        {
            case FusionScoring f:
                return Fuse(f.Fusion, sources, node.Limit, node.ScoreThreshold);
            case VectorScoring v:
                return shard.ScanScored(v.Using, v.Scorer, null, Union(sources), node.Limit, node.ScoreThreshold);
            case OrderByScoring o:
                // Qdrant ignores score_threshold here: ordered results all score the same.
                return Ordered(shard.ScrollOrdered(o.OrderBy, node.Limit, Filters.Only(Union(sources)), PayloadSelector.None, VectorSelector.None));
            case SampleScoring:
                return shard.Sample(node.Limit, null, Union(sources), Random.Shared);
            default:
                throw new InvalidOperationException("a node with sources needs a query");
        }
    }

    /// <summary>Fuses sources, keeps what passes the threshold (scores only fall from there) and the best <paramref name="limit"/>.</summary>
    public static List<ScoredPoint> Fuse(FusionQuery fusion, IReadOnlyList<IReadOnlyList<ScoredPoint>> sources, int limit, float? scoreThreshold)
    {
        var fused = fusion.Method == FusionMethod.Rrf ? Fusion.Rrf.Fuse(sources, fusion.K, fusion.Weights) : Fusion.Dbsf.Fuse(sources);
        IEnumerable<ScoredPoint> kept = fused;
        if (scoreThreshold is { } t)
        {
            kept = kept.TakeWhile(p => p.Score >= t);
        }

        return kept.Take(limit).ToList();
    }

    private static HashSet<PointId> Union(List<List<ScoredPoint>> sources) => sources.SelectMany(s => s).Select(p => p.Id).ToHashSet();

    /// <summary>Scroll-based results score 1 and carry version 0, as in Qdrant's query scroll.</summary>
    private static ScoredPoint Listed(PointRecord r) => new(r.Id, 0, 1f, null, null) { OrderValue = r.OrderValue };

    private static List<ScoredPoint> Ordered(List<PointRecord> records) => records.Select(Listed).ToList();
}
