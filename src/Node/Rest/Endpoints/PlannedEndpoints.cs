using Citadel.Common.Errors;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>
/// Qdrant routes whose feature lands in a later milestone. They are routed (so the access table covers them and
/// callers get a clear answer) and reply 501 naming the missing feature.
/// </summary>
internal static class PlannedEndpoints
{
    private static readonly (string Method, string Pattern, string Name, string Feature)[] Routes =
    [
        ("PUT", "/collections/{collection_name}/vectors/{vector_name}", "create_vector_name", "named vector management"),
        ("DELETE", "/collections/{collection_name}/vectors/{vector_name}", "delete_vector_name", "named vector management"),
        ("GET", "/collections/{collection_name}/optimizations", "get_optimizations", "optimization reports"),
        ("POST", "/collections/{collection_name}/cluster", "update_collection_cluster", "cluster mode"),
        ("GET", "/collections/{collection_name}/shards", "list_shard_keys", "custom sharding"),
        ("PUT", "/collections/{collection_name}/shards", "create_shard_key", "custom sharding"),
        ("POST", "/collections/{collection_name}/shards/delete", "delete_shard_key", "custom sharding"),
        ("GET", "/collections/{collection_name}/snapshots", "list_snapshots", "snapshots"),
        ("POST", "/collections/{collection_name}/snapshots", "create_snapshot", "snapshots"),
        ("PUT", "/collections/{collection_name}/snapshots/recover", "recover_from_snapshot", "snapshots"),
        ("POST", "/collections/{collection_name}/snapshots/upload", "recover_from_uploaded_snapshot", "snapshots"),
        ("GET", "/collections/{collection_name}/snapshots/{snapshot_name}", "get_snapshot", "snapshots"),
        ("DELETE", "/collections/{collection_name}/snapshots/{snapshot_name}", "delete_snapshot", "snapshots"),
        ("GET", "/collections/{collection_name}/shards/{shard_id}/snapshot", "stream_shard_snapshot", "snapshots"),
        ("GET", "/collections/{collection_name}/shards/{shard_id}/snapshots", "list_shard_snapshots", "snapshots"),
        ("POST", "/collections/{collection_name}/shards/{shard_id}/snapshots", "create_shard_snapshot", "snapshots"),
        ("PUT", "/collections/{collection_name}/shards/{shard_id}/snapshots/recover", "recover_shard_from_snapshot", "snapshots"),
        ("POST", "/collections/{collection_name}/shards/{shard_id}/snapshots/upload", "recover_shard_from_uploaded_snapshot", "snapshots"),
        ("GET", "/collections/{collection_name}/shards/{shard_id}/snapshots/{snapshot_name}", "get_shard_snapshot", "snapshots"),
        ("DELETE", "/collections/{collection_name}/shards/{shard_id}/snapshots/{snapshot_name}", "delete_shard_snapshot", "snapshots"),
        ("GET", "/snapshots", "list_full_snapshots", "snapshots"),
        ("POST", "/snapshots", "create_full_snapshot", "snapshots"),
        ("GET", "/snapshots/{snapshot_name}", "get_full_snapshot", "snapshots"),
        ("DELETE", "/snapshots/{snapshot_name}", "delete_full_snapshot", "snapshots"),
        ("GET", "/cluster/telemetry", "cluster_telemetry", "telemetry"),
        ("GET", "/telemetry", "telemetry", "telemetry"),
        ("GET", "/metrics", "metrics", "metrics"),
        ("GET", "/issues", "get_issues", "issue reporting"),
        ("DELETE", "/issues", "clear_issues", "issue reporting"),
        ("GET", "/quotas", "get_quotas", "quotas"),
        ("PUT", "/quotas", "update_quotas", "quotas"),
        ("GET", "/logger", "get_logger_config", "run-time log levels"),
        ("POST", "/logger", "update_logger_config", "run-time log levels"),
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var (method, pattern, name, feature) in Routes)
        {
            app.MapMethods(pattern, [method], (HttpContext _) =>
                Task.FromException(new CitadelException(ErrorKind.Unimplemented, $"`{name}` is not implemented yet ({feature})"))).WithName(name);
        }
    }
}
