using Citadel.Auth.Access;
using Citadel.Node.Api;
using Citadel.Node.Configuration;
using Citadel.Node.Grpc;
using Citadel.Node.Hosting;
using Citadel.Storage.Collections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citadel.Tests.Unit.Security;

/// <summary>
/// Like Garnet's AllCommandsCovered: enumerates the routes the REST server really maps and the methods the gRPC
/// server really serves, and fails when any of them has no entry in the access table.
/// </summary>
public sealed class AccessTableCoverageTests : IDisposable
{
    // Every operation of Qdrant 1.19's OpenAPI document plus the routes it serves outside it (legacy search,
    // audit logs, logger); written out here because the build must not read the reference files.
    private static readonly string[] QdrantRestOperations =
    [
        "root", "get_collections_aliases", "cluster_status", "remove_peer", "recover_current_peer", "cluster_telemetry", "get_collections",
        "update_aliases", "delete_collection", "get_collection", "update_collection", "create_collection", "get_collection_aliases",
        "collection_cluster_info", "update_collection_cluster", "collection_exists", "facet", "create_field_index", "delete_field_index",
        "get_optimizations", "get_points", "upsert_points", "batch_update", "count_points", "delete_points", "set_payload", "overwrite_payload",
        "clear_payload", "delete_payload", "query_points", "query_batch_points", "query_points_groups", "scroll_points", "search_matrix_offsets",
        "search_matrix_pairs", "update_vectors", "delete_vectors", "get_point", "list_shard_keys", "create_shard_key", "delete_shard_key",
        "stream_shard_snapshot", "list_shard_snapshots", "create_shard_snapshot", "recover_shard_from_snapshot", "recover_shard_from_uploaded_snapshot",
        "delete_shard_snapshot", "get_shard_snapshot", "list_snapshots", "create_snapshot", "recover_from_snapshot", "recover_from_uploaded_snapshot",
        "delete_snapshot", "get_snapshot", "delete_vector_name", "create_vector_name", "healthz", "clear_issues", "get_issues", "livez", "metrics",
        "get_quotas", "update_quotas", "readyz", "list_full_snapshots", "create_full_snapshot", "delete_full_snapshot", "get_full_snapshot", "telemetry",
        "search_points", "search_batch_points", "search_point_groups", "recommend_points", "recommend_batch_points", "recommend_point_groups",
        "discover_points", "discover_batch_points", "get_audit_logs", "get_logger_config", "update_logger_config",
    ];

    private readonly string _storage = Directory.CreateTempSubdirectory("citadel-coverage-").FullName;
    private readonly CollectionManager _collections;

    public AccessTableCoverageTests() =>
        _collections = CollectionManager.Open(_storage, CollectionDefaults.Qdrant, NullLogger.Instance);

    [Fact]
    public void EveryRestRoute_HasAnAccessTableEntry()
    {
        var routes = RestRoutes();
        Assert.NotEmpty(routes);
        var missing = routes.Where(r => r.Name is null || AccessTable.For(r.Name) is null).Select(r => $"{r.Method} {r.Pattern} ({r.Name ?? "unnamed"})").ToList();
        Assert.True(missing.Count == 0, "Routes without an access rule: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryQdrantRestOperation_IsRouted()
    {
        var names = RestRoutes().Select(r => r.Name).ToHashSet();
        var missing = QdrantRestOperations.Where(op => !names.Contains(op)).ToList();
        Assert.True(missing.Count == 0, "Qdrant operations without a route: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryGrpcMethod_HasAnAccessTableEntry()
    {
        var served = PublicServices.Descriptors
            .SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}"))
            .Concat(["/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"])
            .ToList();
        var missing = served.Where(path => AccessTable.ActionOfGrpcMethod(path) is not { } action || AccessTable.For(action) is null).ToList();
        Assert.True(missing.Count == 0, "gRPC methods without an access rule: " + string.Join(", ", missing));
        Assert.Equal(6, PublicServices.Descriptors.Count);
    }

    [Fact]
    public void OnlyRootAndHealth_ArePublic()
    {
        var publicActions = AccessTable.ActionNames.Where(a => AccessTable.For(a)!.Scope == RequirementScope.Public).Order().ToList();
        Assert.Equal(["healthz", "livez", "readyz", "root"], publicActions);
    }

    private List<(string Method, string Pattern, string? Name)> RestRoutes()
    {
        var settings = new NodeSettings();
        using var logging = NodeLogging.Create(settings);
        var node = new NodeServices(settings, _collections, new LocalMetaProposer(_collections), tls: null, audit: null);
        var app = RestServer.Build(node, logging);
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>();
        return endpoints
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (m, e.RoutePattern.RawText ?? string.Empty, e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)))
            .ToList();
    }

    public void Dispose()
    {
        _collections.Dispose();
        Directory.Delete(_storage, recursive: true);
    }
}
