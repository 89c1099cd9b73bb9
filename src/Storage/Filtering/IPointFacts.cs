using System.Text.Json;
using Citadel.Storage.Points;

namespace Citadel.Storage.Filtering;

/// <summary>What a filter may ask about a point: its id, its payload and which vectors it has.</summary>
public interface IPointFacts
{
    /// <summary>The point's id.</summary>
    PointId Id { get; }

    /// <summary>The payload object, or the default element when the point has none (treated as <c>{}</c>).</summary>
    JsonElement Payload { get; }

    /// <summary>True when the point has a value for the named vector ("" is the unnamed vector).</summary>
    bool HasVector(string name);
}
