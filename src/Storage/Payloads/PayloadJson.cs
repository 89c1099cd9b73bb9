using System.Text.Json;

namespace Citadel.Storage.Payloads;

/// <summary>
/// Nesting limit for payload and metadata JSON that storage writes and reads back. It is above anything an adapter
/// accepts (REST bodies nest at most 128 levels), so whatever was accepted can always be logged, persisted and
/// recovered; System.Text.Json's default of 64 would fail on deeper payloads, at write time or, worse, on recovery.
/// </summary>
internal static class PayloadJson
{
    public const int MaxDepth = 256;

    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    public static readonly JsonSerializerOptions SerializerOptions = new() { MaxDepth = MaxDepth };
}
