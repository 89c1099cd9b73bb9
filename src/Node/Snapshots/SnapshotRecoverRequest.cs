namespace Citadel.Node.Snapshots;

/// <summary>Qdrant's <c>SnapshotRecover</c> / <c>ShardSnapshotRecover</c> body.</summary>
/// <param name="Location">file://, http:// or https:// URL of the archive.</param>
/// <param name="Priority">Source of truth when replicas exist (<c>no_sync</c>, <c>snapshot</c>, <c>replica</c>); on one node every value restores the snapshot.</param>
/// <param name="Checksum">Expected SHA-256, hex.</param>
/// <param name="ApiKey">Sent as <c>api-key</c> to the http(s) origin named by <paramref name="Location"/>, and nowhere else.</param>
internal sealed record SnapshotRecoverRequest(string Location, string? Priority, string? Checksum, string? ApiKey);
