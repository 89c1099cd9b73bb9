using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;

namespace Citadel.Storage.Search;

/// <summary>Nearest-neighbour search for one dense vector.</summary>
/// <param name="VectorName">Which named vector to search ("" = unnamed).</param>
/// <param name="Vector">The query vector, as given (the collection normalises it for cosine).</param>
public sealed record SearchRequest(string VectorName, float[] Vector)
{
    /// <summary>Only points matching this filter.</summary>
    public Filter? Filter { get; init; }

    /// <summary>Maximum number of hits.</summary>
    public int Limit { get; init; } = 10;

    /// <summary>Hits to skip.</summary>
    public int Offset { get; init; }

    /// <summary>Drop hits worse than this score.</summary>
    public float? ScoreThreshold { get; init; }

    /// <summary>Payload to return.</summary>
    public PayloadSelector WithPayload { get; init; } = PayloadSelector.None;

    /// <summary>Vectors to return.</summary>
    public VectorSelector WithVector { get; init; } = VectorSelector.None;

    /// <summary>Search parameters (<c>hnsw_ef</c>, <c>exact</c>, …).</summary>
    public SearchParams Params { get; init; } = SearchParams.Default;
}

/// <summary>Qdrant's <c>SearchParams</c>.</summary>
public sealed record SearchParams(int? HnswEf, bool Exact, bool IndexedOnly)
{
    /// <summary>Defaults: index-driven, not exact.</summary>
    public static readonly SearchParams Default = new(null, false, false);
}

/// <summary>Page through points in id order (or by a payload field).</summary>
public sealed record ScrollRequest
{
    /// <summary>First id of the page (inclusive).</summary>
    public PointId? Offset { get; init; }

    /// <summary>Page size.</summary>
    public int Limit { get; init; } = 10;

    /// <summary>Only points matching this filter.</summary>
    public Filter? Filter { get; init; }

    /// <summary>Payload to return.</summary>
    public PayloadSelector WithPayload { get; init; } = PayloadSelector.All;

    /// <summary>Vectors to return.</summary>
    public VectorSelector WithVector { get; init; } = VectorSelector.None;

    /// <summary>Order by a payload field instead of by id.</summary>
    public OrderBy? OrderBy { get; init; }
}

/// <summary>Ordering by a numeric or date-time payload field.</summary>
public sealed record OrderBy(JsonPath Key, bool Descending, double? StartFrom);

/// <summary>A page of points and the id to continue from.</summary>
public sealed record ScrollResult(IReadOnlyList<PointRecord> Points, PointId? NextPageOffset);
