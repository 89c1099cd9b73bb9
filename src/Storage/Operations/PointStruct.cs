using System.Text.Json;
using Citadel.Storage.Points;

namespace Citadel.Storage.Operations;

/// <summary>
/// A point to insert: its id, its dense vectors by name ("" is the unnamed vector) and its payload
/// (an object element, or <c>default</c> for none).
/// </summary>
public sealed record PointStruct(PointId Id, IReadOnlyDictionary<string, float[]> Vectors, JsonElement Payload);

/// <summary>New values for some of a point's named vectors; names not listed keep their value.</summary>
public sealed record PointVectors(PointId Id, IReadOnlyDictionary<string, float[]> Vectors);
