using System.Text.Json.Serialization;

namespace Citadel.Consensus.State;

/// <summary>
/// What applying a command produced. Applying is deterministic, so every replica computes the same result; the
/// proposer receives it from the leader. Errors carry the name of a <c>Common.Errors.ErrorKind</c> and the message.
/// </summary>
public sealed record CommandResult(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("error_kind")] string? ErrorKind = null,
    [property: JsonPropertyName("message")] string? Message = null,
    [property: JsonPropertyName("value")] bool Value = true)
{
    /// <summary>Success with a boolean answer (Qdrant's meta operations answer <c>true</c>/<c>false</c>).</summary>
    public static CommandResult Success(bool value = true) => new(true, null, null, value);

    /// <summary>A deterministic failure.</summary>
    public static CommandResult Failure(string kind, string message) => new(false, kind, message, false);
}
