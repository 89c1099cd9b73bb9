using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;
using Citadel.Storage.Search;

namespace Citadel.Storage.Query;

/// <summary>The universal query (<c>points/query</c>, Qdrant's <c>QueryRequest</c>).</summary>
public sealed record QueryRequest
{
    /// <summary>Qdrant's default limit.</summary>
    public const int DefaultLimit = 10;

    /// <summary>Sub-requests whose candidates <see cref="Query"/> merges.</summary>
    public IReadOnlyList<Prefetch> Prefetches { get; init; } = [];

    /// <summary>What to score by; null lists points in id order.</summary>
    public QueryVariant? Query { get; init; }

    /// <summary>Vector name ("" = unnamed).</summary>
    public string Using { get; init; } = string.Empty;

    /// <summary>Only points matching this filter (propagated into every prefetch).</summary>
    public Filter? Filter { get; init; }

    /// <summary>Search parameters.</summary>
    public SearchParams Params { get; init; } = SearchParams.Default;

    /// <summary>Drop hits worse than this.</summary>
    public float? ScoreThreshold { get; init; }

    /// <summary>Maximum results.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Results to skip.</summary>
    public int Offset { get; init; }

    /// <summary>Payload to return.</summary>
    public PayloadSelector WithPayload { get; init; } = PayloadSelector.None;

    /// <summary>Vectors to return.</summary>
    public VectorSelector WithVector { get; init; } = VectorSelector.None;

    /// <summary>Where referenced ids are looked up; null = the searched collection.</summary>
    public LookupLocation? LookupFrom { get; init; }

    /// <summary>Every collection named by <c>lookup_from</c> here or in a nested prefetch (for access checks).</summary>
    public IEnumerable<string> LookupCollections()
    {
        if (LookupFrom is { } own)
        {
            yield return own.Collection;
        }

        var pending = new Stack<Prefetch>(Prefetches);
        while (pending.Count > 0)
        {
            var p = pending.Pop();
            if (p.LookupFrom is { } lookup)
            {
                yield return lookup.Collection;
            }

            foreach (var nested in p.Prefetches)
            {
                pending.Push(nested);
            }
        }
    }
}
