namespace Citadel.Storage.Index.Payload.Facets;

/// <summary>Count points per value of <see cref="Key"/> among those matching <see cref="Filter"/>.</summary>
public sealed record FacetRequest(Payloads.JsonPath Key)
{
    /// <summary>Qdrant's default number of hits.</summary>
    public const int DefaultLimit = 10;

    /// <summary>Only points matching this filter.</summary>
    public Filtering.Filter? Filter { get; init; }

    /// <summary>Most hits returned.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Exact counts were asked for (Citadel's counts are always exact).</summary>
    public bool Exact { get; init; }
}
