namespace Citadel.Tests.Integration.Security;

/// <summary>
/// Qdrant 1.19's access table (its test_jwt_access.py ACTION_ACCESS), written out independently of Citadel's
/// AccessTable so that the tests check behaviour against the reference, not the table against itself.
/// Columns: R, cRW, cR, M, cPRW ('y' allowed, possibly filtered; 'n' 403).
/// </summary>
public static class QdrantAccessTable
{
    private static readonly Dictionary<string, string> Rows = new()
    {
        ["root"] = "yyyyy", ["healthz"] = "yyyyy", ["livez"] = "yyyyy", ["readyz"] = "yyyyy",
        ["get_collections"] = "yyyyy", ["get_collection"] = "yyyyy", ["create_collection"] = "nnnyn", ["delete_collection"] = "nnnyn",
        ["update_collection"] = "nnnyn", ["collection_cluster_info"] = "yyyyn", ["collection_exists"] = "yyyyy", ["get_optimizations"] = "yyyyy",
        ["update_collection_cluster"] = "nnnyn", ["update_aliases"] = "nnnyn", ["get_collection_aliases"] = "yyyyy", ["get_collections_aliases"] = "yyyyy",
        ["create_shard_key"] = "nnnyn", ["delete_shard_key"] = "nnnyn", ["list_shard_keys"] = "yyyyy",
        ["create_field_index"] = "nynyn", ["delete_field_index"] = "nynyn", ["create_vector_name"] = "nynyn", ["delete_vector_name"] = "nynyn",
        ["list_snapshots"] = "yyyyn", ["create_snapshot"] = "nynyn", ["delete_snapshot"] = "nynyn", ["get_snapshot"] = "yyyyn",
        ["recover_from_uploaded_snapshot"] = "nnnyn", ["recover_from_snapshot"] = "nnnyn",
        ["recover_shard_from_uploaded_snapshot"] = "nnnyn", ["recover_shard_from_snapshot"] = "nnnyn",
        ["create_shard_snapshot"] = "nynyn", ["list_shard_snapshots"] = "yyyyn", ["delete_shard_snapshot"] = "nynyn", ["get_shard_snapshot"] = "yyyyn",
        ["stream_shard_snapshot"] = "nynyn",
        ["list_full_snapshots"] = "ynnyn", ["create_full_snapshot"] = "nnnyn", ["delete_full_snapshot"] = "nnnyn", ["get_full_snapshot"] = "ynnyn",
        ["cluster_status"] = "ynnyn", ["cluster_telemetry"] = "yyyyy", ["recover_current_peer"] = "nnnyn", ["remove_peer"] = "nnnyn",
        ["get_quotas"] = "ynnyn", ["update_quotas"] = "nnnyn",
        ["get_point"] = "yyyyy", ["get_points"] = "yyyyy", ["upsert_points"] = "nynyy", ["batch_update"] = "nynyy", ["delete_points"] = "nynyy",
        ["update_vectors"] = "nynyy", ["delete_vectors"] = "nynyy", ["set_payload"] = "nynyy", ["overwrite_payload"] = "nynyy",
        ["delete_payload"] = "nynyy", ["clear_payload"] = "nynyy", ["scroll_points"] = "yyyyy", ["count_points"] = "yyyyy",
        ["search_points"] = "yyyyy", ["search_batch_points"] = "yyyyy", ["search_point_groups"] = "yyyyy",
        ["recommend_points"] = "yyyyy", ["recommend_batch_points"] = "yyyyy", ["recommend_point_groups"] = "yyyyy",
        ["discover_points"] = "yyyyy", ["discover_batch_points"] = "yyyyy",
        ["query_points"] = "yyyyy", ["query_batch_points"] = "yyyyy", ["query_points_groups"] = "yyyyy",
        ["search_matrix_pairs"] = "yyyyy", ["search_matrix_offsets"] = "yyyyy", ["facet"] = "yyyyy",
        ["telemetry"] = "yyyyy", ["metrics"] = "ynnyn", ["get_issues"] = "yyyyy", ["clear_issues"] = "nnnyn",
        ["get_logger_config"] = "ynnyn", ["update_logger_config"] = "nnnyn", ["get_audit_logs"] = "nnnyn",
        ["list_files"] = "yyyyy", ["file_exists"] = "yyyyy", ["file_length"] = "yyyyy", ["read_bytes"] = "yyyyy",
        ["read_bytes_stream"] = "yyyyy", ["read_whole"] = "yyyyy", ["read_batch"] = "yyyyy",
    };

    public static IReadOnlyCollection<string> Actions => Rows.Keys;

    public static bool IsPublic(string action) => action is "root" or "healthz" or "livez" or "readyz";

    /// <summary>True when a credential of <paramref name="column"/> may perform <paramref name="action"/> on <c>col</c>.</summary>
    public static bool Allows(string action, Column column) => column switch
    {
        Column.R => Rows[action][0] == 'y',
        Column.CRW => Rows[action][1] == 'y',
        Column.CR => Rows[action][2] == 'y',
        Column.M => Rows[action][3] == 'y',
        Column.CPRW => Rows[action][4] == 'y',
        _ => IsPublic(action),
    };
}
