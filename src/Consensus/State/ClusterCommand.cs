using System.Text.Json;
using System.Text.Json.Serialization;

namespace Citadel.Consensus.State;

/// <summary>What a command does to the replicated state.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CommandKind>))]
public enum CommandKind
{
    /// <summary>A peer joined (or changed its URIs).</summary>
    AddPeer,

    /// <summary>A peer left.</summary>
    RemovePeer,

    /// <summary>A peer reports the fingerprints of the keys it has loaded.</summary>
    ReportKeys,

    /// <summary>An application command (collection metadata), opaque to consensus.</summary>
    Application,

    /// <summary>
    /// Every peer writes a snapshot at this entry. Asked for by a peer stuck behind an outdated snapshot (DotNext
    /// rejects a snapshot no newer than the receiver's commit index, and the leader then retries it forever).
    /// </summary>
    Compact,
}

/// <summary>
/// One entry of the Raft log. <see cref="Id"/> makes retries safe: a command whose id was applied recently is not
/// applied again, and its first result is returned.
/// </summary>
public sealed record ClusterCommand(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("kind")] CommandKind Kind,
    [property: JsonPropertyName("peer")] PeerInfo? Peer = null,
    [property: JsonPropertyName("peer_id")] ulong? PeerId = null,
    [property: JsonPropertyName("keys")] IReadOnlyDictionary<string, string>? Keys = null,
    [property: JsonPropertyName("payload")] byte[]? Payload = null)
{
    public byte[] Encode() => JsonSerializer.SerializeToUtf8Bytes(this, ConsensusJson.Default.ClusterCommand);

    public static ClusterCommand Decode(ReadOnlySpan<byte> bytes) =>
        JsonSerializer.Deserialize(bytes, ConsensusJson.Default.ClusterCommand) ?? throw new JsonException("empty command");
}
