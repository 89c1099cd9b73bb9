namespace Citadel.Storage.Index.Payload.Facets;

/// <summary>A value and how many points hold it (Qdrant's <c>FacetValueHit</c>).</summary>
public sealed record FacetHit(FacetValue Value, long Count);
