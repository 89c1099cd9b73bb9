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
