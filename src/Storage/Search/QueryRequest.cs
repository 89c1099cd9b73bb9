using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;

namespace Citadel.Storage.Search;

/// <summary>The universal query (<c>points/query</c>). Today: nearest by vector or by point id, or no query (id order).</summary>
public sealed record QueryRequest
{
    /// <summary>What to score against; null lists points in id order.</summary>
    public QueryInput? Query { get; init; }

    /// <summary>Vector name ("" = unnamed).</summary>
    public string Using { get; init; } = string.Empty;

    /// <summary>Only points matching this filter.</summary>
    public Filter? Filter { get; init; }

    /// <summary>Search parameters.</summary>
    public SearchParams Params { get; init; } = SearchParams.Default;

    /// <summary>Drop hits worse than this.</summary>
    public float? ScoreThreshold { get; init; }

    /// <summary>Maximum results.</summary>
    public int Limit { get; init; } = 10;

    /// <summary>Results to skip.</summary>
    public int Offset { get; init; }

    /// <summary>Payload to return.</summary>
    public PayloadSelector WithPayload { get; init; } = PayloadSelector.None;

    /// <summary>Vectors to return.</summary>
    public VectorSelector WithVector { get; init; } = VectorSelector.None;
}

/// <summary>A query vector given directly or by the id of a stored point.</summary>
public sealed record QueryInput(PointId? PointId, float[]? Vector);

/// <summary>Count points, optionally filtered.</summary>
public sealed record CountRequest(Filter? Filter, bool Exact);

/// <summary>Fetch points by id.</summary>
public sealed record RetrieveRequest(IReadOnlyList<PointId> Ids, PayloadSelector WithPayload, VectorSelector WithVector);
