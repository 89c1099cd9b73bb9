using Citadel.Auth.Access;
using Citadel.Node.Cluster.Forwarding;

namespace Citadel.Tests.Unit.Cluster;

/// <summary>
/// Which actions run where the collection's shard is. Every action of the access table is listed here, so a new action
/// fails <see cref="EveryActionOfTheAccessTable_IsClassified"/> until someone decides where it runs.
/// </summary>
public sealed class OwnerRoutingTests
{
    public enum Where
    {
        /// <summary>Answered from the replicated catalog (or through Raft) on the node that received it.</summary>
        Stays,

        /// <summary>Runs on the peer holding the collection's shard.</summary>
        Forwards,

        /// <summary>Names no collection: forwarding never applies.</summary>
        NoCollection,
    }

    private static readonly Dictionary<string, Where> Expected = new(StringComparer.Ordinal)
    {
        // Service
        ["root"] = Where.NoCollection,
        ["healthz"] = Where.NoCollection,
        ["livez"] = Where.NoCollection,
        ["readyz"] = Where.NoCollection,
        ["telemetry"] = Where.NoCollection,
        ["metrics"] = Where.NoCollection,
        ["get_issues"] = Where.NoCollection,
        ["clear_issues"] = Where.NoCollection,
        ["get_quotas"] = Where.NoCollection,
        ["update_quotas"] = Where.NoCollection,
        ["get_logger_config"] = Where.NoCollection,
        ["update_logger_config"] = Where.NoCollection,
        ["get_audit_logs"] = Where.NoCollection,
        ["reflection"] = Where.NoCollection,
        ["cluster_status"] = Where.NoCollection,
        ["cluster_telemetry"] = Where.NoCollection,
        ["recover_current_peer"] = Where.NoCollection,
        ["remove_peer"] = Where.NoCollection,
        ["list_full_snapshots"] = Where.NoCollection,
        ["create_full_snapshot"] = Where.NoCollection,
        ["delete_full_snapshot"] = Where.NoCollection,
        ["get_full_snapshot"] = Where.NoCollection,

        // Collection metadata: the replicated catalog answers, or the change goes through Raft.
        ["get_collections"] = Where.Stays,
        ["create_collection"] = Where.Stays,
        ["update_collection"] = Where.Stays,
        ["delete_collection"] = Where.Stays,
        ["collection_exists"] = Where.Stays,
        ["update_aliases"] = Where.Stays,
        ["get_collection_aliases"] = Where.Stays,
        ["get_collections_aliases"] = Where.Stays,
        ["create_field_index"] = Where.Stays,
        ["delete_field_index"] = Where.Stays,
        ["create_vector_name"] = Where.Stays,
        ["delete_vector_name"] = Where.Stays,
        ["collection_cluster_info"] = Where.Stays,
        ["update_collection_cluster"] = Where.Stays,
        ["list_shard_keys"] = Where.Stays,
        ["create_shard_key"] = Where.Stays,
        ["delete_shard_key"] = Where.Stays,

        // Collection info carries the holder's counts; optimisations are the holder's.
        ["get_collection"] = Where.Forwards,
        ["get_optimizations"] = Where.Forwards,

        // Points: reads
        ["get_point"] = Where.Forwards,
        ["get_points"] = Where.Forwards,
        ["scroll_points"] = Where.Forwards,
        ["count_points"] = Where.Forwards,
        ["query_points"] = Where.Forwards,
        ["query_batch_points"] = Where.Forwards,
        ["query_points_groups"] = Where.Forwards,
        ["search_points"] = Where.Forwards,
        ["search_batch_points"] = Where.Forwards,
        ["search_point_groups"] = Where.Forwards,
        ["recommend_points"] = Where.Forwards,
        ["recommend_batch_points"] = Where.Forwards,
        ["recommend_point_groups"] = Where.Forwards,
        ["discover_points"] = Where.Forwards,
        ["discover_batch_points"] = Where.Forwards,
        ["search_matrix_pairs"] = Where.Forwards,
        ["search_matrix_offsets"] = Where.Forwards,
        ["facet"] = Where.Forwards,

        // Points: writes
        ["upsert_points"] = Where.Forwards,
        ["batch_update"] = Where.Forwards,
        ["delete_points"] = Where.Forwards,
        ["update_vectors"] = Where.Forwards,
        ["delete_vectors"] = Where.Forwards,
        ["set_payload"] = Where.Forwards,
        ["overwrite_payload"] = Where.Forwards,
        ["delete_payload"] = Where.Forwards,
        ["clear_payload"] = Where.Forwards,

        // Collection and shard snapshots are files of the holder.
        ["list_snapshots"] = Where.Forwards,
        ["create_snapshot"] = Where.Forwards,
        ["delete_snapshot"] = Where.Forwards,
        ["get_snapshot"] = Where.Forwards,
        ["recover_from_snapshot"] = Where.Forwards,
        ["recover_from_uploaded_snapshot"] = Where.Forwards,
        ["list_shard_snapshots"] = Where.Forwards,
        ["create_shard_snapshot"] = Where.Forwards,
        ["delete_shard_snapshot"] = Where.Forwards,
        ["get_shard_snapshot"] = Where.Forwards,
        ["stream_shard_snapshot"] = Where.Forwards,
        ["recover_shard_from_snapshot"] = Where.Forwards,
        ["recover_shard_from_uploaded_snapshot"] = Where.Forwards,

        // qdrant.StorageRead reads the holder's shard files.
        ["list_files"] = Where.Forwards,
        ["file_exists"] = Where.Forwards,
        ["file_length"] = Where.Forwards,
        ["read_bytes"] = Where.Forwards,
        ["read_bytes_stream"] = Where.Forwards,
        ["read_whole"] = Where.Forwards,
        ["read_batch"] = Where.Forwards,
    };

    public static TheoryData<string, Where> CollectionActions
    {
        get
        {
            var data = new TheoryData<string, Where>();
            foreach (var (action, where) in Expected.Where(e => e.Value != Where.NoCollection))
            {
                data.Add(action, where);
            }

            return data;
        }
    }

    [Fact]
    public void EveryActionOfTheAccessTable_IsClassified()
    {
        Assert.Equal(AccessTable.ActionNames.Order(StringComparer.Ordinal), Expected.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CollectionActions))]
    public void RunsOnHolder_ForwardsDataActionsAndKeepsMetadataActions(string action, Where where)
    {
        Assert.Equal(where == Where.Forwards, OwnerRouting.RunsOnHolder(action));
    }

    [Fact]
    public void EveryCollectionScopedAction_IsClassifiedAsStayingOrForwarding()
    {
        var unclassified = AccessTable.ActionNames
            .Where(a => AccessTable.For(a)!.Scope == RequirementScope.Collection && Expected.GetValueOrDefault(a, Where.NoCollection) == Where.NoCollection)
            .ToList();

        Assert.Empty(unclassified);
    }

    [Theory]
    [InlineData("a_new_points_endpoint")]
    [InlineData("")]
    [InlineData("GET_COLLECTIONS")]
    public void RunsOnHolder_ForwardsActionsItDoesNotKnow(string action)
    {
        Assert.True(OwnerRouting.RunsOnHolder(action));
    }
}
