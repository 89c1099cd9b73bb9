using Citadel.Storage.Points;
using Citadel.Storage.Query.Planning;
using Citadel.Storage.Search;

namespace Citadel.Storage.Query.Execution;

/// <summary>
/// Merges one intermediate result of every shard into one list in the order of the step that produced it, keeping
/// the first <c>take</c> (Qdrant's <c>merge_intermediate_results_from_shards</c>). Ties go to the smaller id.
/// </summary>
internal static class ShardMerge
{
    public static List<ScoredPoint> Merge(IReadOnlyList<List<ScoredPoint>> perShard, Scoring? scoring, int take)
    {
        if (perShard.Count == 1)
        {
            return perShard[0].Count <= take ? perShard[0] : perShard[0].Take(take).ToList();
        }

        var all = perShard.SelectMany(s => s).DistinctBy(p => p.Id).ToList();
        if (scoring is SampleScoring)
        {
            // Random results have no order to merge by: interleave them randomly.
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(all));
        }
        else
        {
            all.Sort(Comparer(scoring));
        }

        return all.Count <= take ? all : all.Take(take).ToList();
    }

    /// <summary>Best first for the given step's scoring.</summary>
    public static Comparison<ScoredPoint> Comparer(Scoring? scoring) => scoring switch
    {
        VectorScoring { Scorer.HigherIsBetter: false } => (a, b) => Then(a.Score.CompareTo(b.Score), a.Id, b.Id),
        VectorScoring or FusionScoring => (a, b) => Then(b.Score.CompareTo(a.Score), a.Id, b.Id),
        OrderByScoring o => (a, b) =>
        {
            var c = a.OrderValue!.Value.Value.CompareTo(b.OrderValue!.Value.Value);
            return Then(o.OrderBy.Descending ? -c : c, a.Id, b.Id);
        },
        _ => (a, b) => a.Id.CompareTo(b.Id),
    };

    private static int Then(int primary, PointId a, PointId b) => primary != 0 ? primary : a.CompareTo(b);
}
