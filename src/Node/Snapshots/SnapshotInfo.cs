namespace Citadel.Node.Snapshots;

/// <summary>Qdrant's <c>SnapshotDescription</c>: a snapshot file's name, creation time (UTC), size and SHA-256.</summary>
internal sealed record SnapshotInfo(string Name, DateTime CreationTime, long Size, string? Checksum);
