using Citadel.Storage.Filtering;
using Citadel.Storage.Search;

namespace Citadel.Storage.Query;

/// <summary>
/// A sub-request of a query (Qdrant's <c>Prefetch</c>): its candidates feed the query above it. A prefetch with
/// prefetches of its own merges them with its query first.
/// </summary>
public sealed record Prefetch
{
    /// <summary>Qdrant's default prefetch limit.</summary>
    public const int DefaultLimit = 10;

    /// <summary>Nested prefetches, run first.</summary>
    public IReadOnlyList<Prefetch> Prefetches { get; init; } = [];

    /// <summary>What to score by; null lists points in id order.</summary>
    public QueryVariant? Query { get; init; }

    /// <summary>Vector name ("" = unnamed).</summary>
    public string Using { get; init; } = string.Empty;

    /// <summary>Only points matching this filter (the filters above apply too).</summary>
    public Filter? Filter { get; init; }

    /// <summary>Search parameters.</summary>
    public SearchParams Params { get; init; } = SearchParams.Default;

    /// <summary>Drop candidates worse than this.</summary>
    public float? ScoreThreshold { get; init; }

    /// <summary>Candidates to pass up.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Where referenced ids are looked up; null = the searched collection.</summary>
    public LookupLocation? LookupFrom { get; init; }
}
