using System.Text.Json;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Filtering;

/// <summary>
/// A match decided on all values of a point's field together rather than value by value. A text match on a field with
/// a full-text index is one: Qdrant's text index keeps one token set per point, gathered over all its strings, and
/// tokenizes with the index's own settings. Filters are rewritten to use such matches before they are evaluated.
/// </summary>
public abstract record PointLevelMatch : Match
{
    /// <summary>True when the values of <paramref name="payload"/> at <paramref name="key"/> satisfy the match.</summary>
    public abstract bool Matches(JsonPath key, JsonElement payload);
}
