using System.Collections.Frozen;

namespace Citadel.Auth.Access;

/// <summary>
/// The one access table: every REST route (by Qdrant operation id) and every gRPC method (by full path) maps to a
/// named action, and every action to its <see cref="Requirement"/>. Lookups of unknown names return null, and the
/// gates deny what has no entry (fail closed); a test enumerates the real routes and services against this table.
/// </summary>
public static class AccessTable
{
    private static readonly FrozenDictionary<string, Requirement> Actions = new Dictionary<string, Requirement>
    {
        // Service
        ["root"] = Requirement.Public,
        ["healthz"] = Requirement.Public,
        ["livez"] = Requirement.Public,
        ["readyz"] = Requirement.Public,
        ["telemetry"] = Requirement.Filtered,
        ["metrics"] = Requirement.GlobalRead,
        ["get_issues"] = Requirement.Filtered,
        ["clear_issues"] = Requirement.GlobalManage,
        ["get_quotas"] = Requirement.GlobalRead,
        ["update_quotas"] = Requirement.GlobalManage,
        ["get_logger_config"] = Requirement.GlobalRead,
        ["update_logger_config"] = Requirement.GlobalManage,
        ["get_audit_logs"] = Requirement.GlobalManage,
        ["reflection"] = Requirement.Filtered,

        // Collections and aliases
        ["get_collections"] = Requirement.Filtered,
        ["get_collection"] = Requirement.CollectionRead,
        ["create_collection"] = Requirement.GlobalManage,
        ["update_collection"] = Requirement.GlobalManage,
        ["delete_collection"] = Requirement.GlobalManage,
        ["collection_exists"] = Requirement.CollectionRead,
        ["get_optimizations"] = Requirement.CollectionRead,
        ["update_aliases"] = Requirement.GlobalManage,
        ["get_collection_aliases"] = Requirement.Filtered,
        ["get_collections_aliases"] = Requirement.Filtered,
        ["create_field_index"] = Requirement.CollectionWriteExtras,
        ["delete_field_index"] = Requirement.CollectionWriteExtras,
        ["create_vector_name"] = Requirement.CollectionWriteExtras,
        ["delete_vector_name"] = Requirement.CollectionWriteExtras,

        // Distributed
        ["cluster_status"] = Requirement.GlobalRead,
        ["cluster_telemetry"] = Requirement.Filtered,
        ["recover_current_peer"] = Requirement.GlobalManage,
        ["remove_peer"] = Requirement.GlobalManage,
        ["collection_cluster_info"] = Requirement.CollectionReadExtras,
        ["update_collection_cluster"] = Requirement.CollectionManage,
        ["list_shard_keys"] = Requirement.CollectionRead,
        ["create_shard_key"] = Requirement.GlobalManage,
        ["delete_shard_key"] = Requirement.GlobalManage,

        // Points: reads
        ["get_point"] = Requirement.CollectionRead,
        ["get_points"] = Requirement.CollectionRead,
        ["scroll_points"] = Requirement.CollectionRead,
        ["count_points"] = Requirement.CollectionRead,
        ["query_points"] = Requirement.CollectionRead,
        ["query_batch_points"] = Requirement.CollectionRead,
        ["query_points_groups"] = Requirement.CollectionRead,
        ["search_points"] = Requirement.CollectionRead,
        ["search_batch_points"] = Requirement.CollectionRead,
        ["search_point_groups"] = Requirement.CollectionRead,
        ["recommend_points"] = Requirement.CollectionRead,
        ["recommend_batch_points"] = Requirement.CollectionRead,
        ["recommend_point_groups"] = Requirement.CollectionRead,
        ["discover_points"] = Requirement.CollectionRead,
        ["discover_batch_points"] = Requirement.CollectionRead,
        ["search_matrix_pairs"] = Requirement.CollectionRead,
        ["search_matrix_offsets"] = Requirement.CollectionRead,
        ["facet"] = Requirement.CollectionRead,

        // Points: writes
        ["upsert_points"] = Requirement.CollectionWrite,
        ["batch_update"] = Requirement.CollectionWrite,
        ["delete_points"] = Requirement.CollectionWrite,
        ["update_vectors"] = Requirement.CollectionWrite,
        ["delete_vectors"] = Requirement.CollectionWrite,
        ["set_payload"] = Requirement.CollectionWrite,
        ["overwrite_payload"] = Requirement.CollectionWrite,
        ["delete_payload"] = Requirement.CollectionWrite,
        ["clear_payload"] = Requirement.CollectionWrite,

        // Snapshots
        ["list_snapshots"] = Requirement.CollectionReadExtras,
        ["create_snapshot"] = Requirement.CollectionWriteExtras,
        ["delete_snapshot"] = Requirement.CollectionWriteExtras,
        ["get_snapshot"] = Requirement.CollectionReadExtras,
        ["recover_from_snapshot"] = Requirement.GlobalManage,
        ["recover_from_uploaded_snapshot"] = Requirement.GlobalManage,
        ["list_shard_snapshots"] = Requirement.CollectionReadExtras,
        ["create_shard_snapshot"] = Requirement.CollectionWriteExtras,
        ["delete_shard_snapshot"] = Requirement.CollectionWriteExtras,
        ["get_shard_snapshot"] = Requirement.CollectionReadExtras,
        ["stream_shard_snapshot"] = Requirement.CollectionWriteExtras,
        ["recover_shard_from_snapshot"] = Requirement.GlobalManage,
        ["recover_shard_from_uploaded_snapshot"] = Requirement.GlobalManage,
        ["list_full_snapshots"] = Requirement.GlobalRead,
        ["create_full_snapshot"] = Requirement.GlobalManage,
        ["delete_full_snapshot"] = Requirement.GlobalManage,
        ["get_full_snapshot"] = Requirement.GlobalRead,

        // qdrant.StorageRead (gRPC only)
        ["list_files"] = Requirement.CollectionRead,
        ["file_exists"] = Requirement.CollectionRead,
        ["file_length"] = Requirement.CollectionRead,
        ["read_bytes"] = Requirement.CollectionRead,
        ["read_bytes_stream"] = Requirement.CollectionRead,
        ["read_whole"] = Requirement.CollectionRead,
        ["read_batch"] = Requirement.CollectionRead,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> GrpcMethods = BuildGrpcMethods();

    // Qdrant's internal operation names, written as `method` in audit entries, where they differ from the action.
    private static readonly FrozenDictionary<string, string> AuditNames = new Dictionary<string, string>
    {
        ["get_collections"] = "list_collections",
        ["update_aliases"] = "change_aliases",
        ["get_collection_aliases"] = "list_collection_aliases",
        ["get_collections_aliases"] = "list_aliases",
        ["collection_cluster_info"] = "get_collection_cluster",
        ["list_shard_keys"] = "get_collection_shard_keys",
        ["delete_shard_key"] = "drop_shard_key",
        ["create_field_index"] = "create_payload_index",
        ["delete_field_index"] = "drop_payload_index",
        ["create_vector_name"] = "create_named_vector",
        ["delete_vector_name"] = "delete_named_vector",
        ["get_point"] = "retrieve",
        ["get_points"] = "retrieve",
        ["scroll_points"] = "scroll",
        ["count_points"] = "count",
        ["search_points"] = "core_search_batch",
        ["search_batch_points"] = "core_search_batch",
        ["search_point_groups"] = "group",
        ["query_points_groups"] = "group",
        ["recommend_point_groups"] = "group",
        ["recommend_points"] = "recommend",
        ["recommend_batch_points"] = "recommend_batch",
        ["discover_points"] = "discover",
        ["discover_batch_points"] = "discover_batch",
        ["query_points"] = "query_batch",
        ["query_batch_points"] = "query_batch",
        ["search_matrix_pairs"] = "search_points_matrix",
        ["search_matrix_offsets"] = "search_points_matrix",
        ["delete_snapshot"] = "delete_collection_snapshot",
        ["recover_from_uploaded_snapshot"] = "/collections/{collection_name}/snapshots/upload",
        ["get_shard_snapshot"] = "download_shard_snapshot",
        ["recover_shard_from_snapshot"] = "recover_shard_snapshot",
        ["recover_shard_from_uploaded_snapshot"] = "/collections/{collection_name}/shards/{shard_id}/snapshots/upload",
        ["get_issues"] = "issues",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Checked but never written to the audit trail (Qdrant: scrapes and probes would drown it).
    private static readonly FrozenSet<string> Unaudited = new[] { "telemetry", "metrics", "cluster_telemetry", "reflection" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every action name in the table.</summary>
    public static IEnumerable<string> ActionNames => Actions.Keys;

    /// <summary>Every gRPC method path in the table.</summary>
    public static IEnumerable<string> GrpcMethodPaths => GrpcMethods.Keys;

    /// <summary>The requirement of an action, or null when the table has no entry.</summary>
    public static Requirement? For(string action) => Actions.GetValueOrDefault(action);

    /// <summary>The operation name audit entries use for an action (Qdrant's internal name).</summary>
    public static string AuditMethod(string action) => AuditNames.GetValueOrDefault(action, action);

    /// <summary>True when decisions on this action are written to the audit trail.</summary>
    public static bool IsAudited(string action) => !Unaudited.Contains(action) && For(action)?.Scope != RequirementScope.Public;

    /// <summary>The action of a gRPC method path such as <c>/qdrant.Points/Upsert</c>, or null.</summary>
    public static string? ActionOfGrpcMethod(string path) => GrpcMethods.GetValueOrDefault(path);

    private static FrozenDictionary<string, string> BuildGrpcMethods()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string service, params (string Method, string Action)[] methods)
        {
            foreach (var (method, action) in methods)
            {
                map[$"/{service}/{method}"] = action;
            }
        }

        Add("qdrant.Qdrant", ("HealthCheck", "root"));
        Add("grpc.health.v1.Health", ("Check", "healthz"));
        Add("grpc.reflection.v1.ServerReflection", ("ServerReflectionInfo", "reflection"));
        Add("grpc.reflection.v1alpha.ServerReflection", ("ServerReflectionInfo", "reflection"));
        Add(
            "qdrant.Collections",
            ("Get", "get_collection"),
            ("List", "get_collections"),
            ("Create", "create_collection"),
            ("Update", "update_collection"),
            ("Delete", "delete_collection"),
            ("UpdateAliases", "update_aliases"),
            ("ListCollectionAliases", "get_collection_aliases"),
            ("ListAliases", "get_collections_aliases"),
            ("CollectionClusterInfo", "collection_cluster_info"),
            ("CollectionExists", "collection_exists"),
            ("UpdateCollectionClusterSetup", "update_collection_cluster"),
            ("CreateShardKey", "create_shard_key"),
            ("DeleteShardKey", "delete_shard_key"),
            ("ListShardKeys", "list_shard_keys"));
        Add(
            "qdrant.Points",
            ("Upsert", "upsert_points"),
            ("Delete", "delete_points"),
            ("Get", "get_points"),
            ("UpdateVectors", "update_vectors"),
            ("DeleteVectors", "delete_vectors"),
            ("SetPayload", "set_payload"),
            ("OverwritePayload", "overwrite_payload"),
            ("DeletePayload", "delete_payload"),
            ("ClearPayload", "clear_payload"),
            ("CreateFieldIndex", "create_field_index"),
            ("DeleteFieldIndex", "delete_field_index"),
            ("CreateVectorName", "create_vector_name"),
            ("DeleteVectorName", "delete_vector_name"),
            ("Search", "search_points"),
            ("SearchBatch", "search_batch_points"),
            ("SearchGroups", "search_point_groups"),
            ("Scroll", "scroll_points"),
            ("Recommend", "recommend_points"),
            ("RecommendBatch", "recommend_batch_points"),
            ("RecommendGroups", "recommend_point_groups"),
            ("Discover", "discover_points"),
            ("DiscoverBatch", "discover_batch_points"),
            ("Count", "count_points"),
            ("UpdateBatch", "batch_update"),
            ("Query", "query_points"),
            ("QueryBatch", "query_batch_points"),
            ("QueryGroups", "query_points_groups"),
            ("Facet", "facet"),
            ("SearchMatrixPairs", "search_matrix_pairs"),
            ("SearchMatrixOffsets", "search_matrix_offsets"));
        Add(
            "qdrant.Snapshots",
            ("Create", "create_snapshot"),
            ("List", "list_snapshots"),
            ("Delete", "delete_snapshot"),
            ("CreateFull", "create_full_snapshot"),
            ("ListFull", "list_full_snapshots"),
            ("DeleteFull", "delete_full_snapshot"));
        Add(
            "qdrant.StorageRead",
            ("ListFiles", "list_files"),
            ("FileExists", "file_exists"),
            ("FileLength", "file_length"),
            ("ReadBytes", "read_bytes"),
            ("ReadBytesStream", "read_bytes_stream"),
            ("ReadWhole", "read_whole"),
            ("ReadBatch", "read_batch"));
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
