namespace Citadel.Storage.Snapshots;

/// <summary>What a snapshot archive holds; recorded in its descriptor so that one kind is never restored as another.</summary>
public enum SnapshotKind
{
    /// <summary>One collection: configuration, payload index schema and every shard.</summary>
    Collection,

    /// <summary>One shard's checkpoint files.</summary>
    Shard,

    /// <summary>Every collection (as nested collection snapshots) and the aliases.</summary>
    Full,
}
