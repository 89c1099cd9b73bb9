using System.Text.Json.Serialization;

namespace Citadel.Consensus.State;

/// <summary>
/// A member of the cluster as the replicated state knows it: Qdrant's numeric peer id, its peer-port URI (which is
/// also its Raft identity), its REST URI, and the fingerprints of the API keys it has loaded (never the keys).
/// </summary>
public sealed record PeerInfo(
    [property: JsonPropertyName("id")] ulong Id,
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("rest_uri")] string? RestUri,
    [property: JsonPropertyName("key_fingerprints")] IReadOnlyDictionary<string, string> KeyFingerprints);
