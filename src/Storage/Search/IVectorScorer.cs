namespace Citadel.Storage.Search;

/// <summary>
/// Scores a stored vector for a query. The shard's exact scan ranks candidates with it, which lets the query
/// engine bring its own objectives (recommend, discover, context) without touching the nearest-neighbour path.
/// </summary>
public interface IVectorScorer
{
    /// <summary>True when a larger score is better (always for custom objectives; per distance for nearest).</summary>
    bool HigherIsBetter { get; }

    /// <summary>The score reported for one stored (already preprocessed) vector.</summary>
    float Score(ReadOnlySpan<float> stored);
}
