using System.Text.Json.Serialization;

namespace Citadel.Consensus.State;

/// <summary>Source-generated JSON for the Raft log entries and snapshots.</summary>
[JsonSerializable(typeof(ClusterCommand))]
[JsonSerializable(typeof(StateSnapshot))]
[JsonSerializable(typeof(CommandResult))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class ConsensusJson : JsonSerializerContext;

/// <summary>What a Raft snapshot holds: the cluster state and the application's own snapshot.</summary>
internal sealed record StateSnapshot(
    [property: JsonPropertyName("index")] long Index,
    [property: JsonPropertyName("peers")] IReadOnlyList<PeerInfo> Peers,
    [property: JsonPropertyName("recent")] IReadOnlyList<RecentResult> Recent,
    [property: JsonPropertyName("application")] byte[] Application);

/// <summary>One remembered command result, in order.</summary>
internal sealed record RecentResult([property: JsonPropertyName("id")] Guid Id, [property: JsonPropertyName("result")] CommandResult Result);
