using Citadel.Storage.Filtering;

namespace Citadel.Storage.Query.Planning;

/// <summary>
/// One step of a planned query. A leaf (no sources) reads the shard directly with its filter; a node with sources
/// rescores their union. Filters of the levels above are already merged into each leaf's filter, as Qdrant
/// propagates them.
/// </summary>
/// <param name="Sources">Nested steps whose candidates this step merges.</param>
/// <param name="Scoring">What to score by; null lists points in id order (leaves only).</param>
/// <param name="Filter">The leaf filter; unused by nodes with sources.</param>
/// <param name="Limit">Candidates to keep.</param>
/// <param name="ScoreThreshold">Drop candidates worse than this.</param>
internal sealed record PlanNode(IReadOnlyList<PlanNode> Sources, Scoring? Scoring, Filter? Filter, int Limit, float? ScoreThreshold)
{
    /// <summary>Search parameters of a nearest-neighbour leaf (<c>hnsw_ef</c>, <c>exact</c>, <c>indexed_only</c>).</summary>
    public Search.SearchParams Params { get; init; } = Search.SearchParams.Default;

    public bool IsLeaf => Sources.Count == 0;

    /// <summary>True when the shards return the sources unmerged and the fusion happens over all shards' results.</summary>
    public bool FusesAcrossShards => !IsLeaf && Scoring is FusionScoring;
}

/// <summary>A planned query: the root step plus what is applied once over all shards' results.</summary>
internal sealed record QueryPlan(PlanNode Root, int Offset, int Limit, Payloads.PayloadSelector WithPayload, Search.VectorSelector WithVector);
