using System.Text.Json;

namespace Citadel.Storage.Payloads;

/// <summary>Receives the values found at a <see cref="JsonPath"/>; a struct implementation keeps walks allocation-free.</summary>
internal interface IJsonValueVisitor
{
    /// <summary>Inspects one value; returns true to stop the walk.</summary>
    bool Visit(JsonElement value);
}
