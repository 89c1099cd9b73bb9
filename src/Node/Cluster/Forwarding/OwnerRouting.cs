namespace Citadel.Node.Cluster.Forwarding;

/// <summary>
/// Which collection-scoped actions run on the peer that holds the collection's shard. Metadata actions are answered
/// from the replicated catalog (or go through Raft) on whichever node received them; everything else that names a
/// collection (points, search, query, collection info with its counts, snapshots, shard files) runs on the holder.
/// Listing the metadata actions, not the data ones, makes a new data endpoint forward by default.
/// </summary>
internal static class OwnerRouting
{
    private static readonly HashSet<string> MetadataActions = new(StringComparer.Ordinal)
    {
        "get_collections",
        "create_collection",
        "update_collection",
        "delete_collection",
        "collection_exists",
        "update_aliases",
        "get_collection_aliases",
        "get_collections_aliases",
        "create_field_index",
        "delete_field_index",
        "create_vector_name",
        "delete_vector_name",
        "collection_cluster_info",
        "update_collection_cluster",
        "list_shard_keys",
        "create_shard_key",
        "delete_shard_key",
    };

    /// <summary>True when <paramref name="action"/> on a collection must run where the collection's shard is.</summary>
    public static bool RunsOnHolder(string action) => !MetadataActions.Contains(action);
}
