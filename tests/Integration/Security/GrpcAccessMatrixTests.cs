using Citadel.Node.Grpc;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;

namespace Citadel.Tests.Integration.Security;

/// <summary>Every public gRPC method against every credential kind, compared with Qdrant's access table.</summary>
public sealed class GrpcAccessMatrixTests(SecuredNodeFixture fixture) : IClassFixture<SecuredNodeFixture>
{
    // Written out independently of Citadel's own mapping: gRPC method → Qdrant action.
    private static readonly Dictionary<string, string> MethodActions = new()
    {
        ["/qdrant.Qdrant/HealthCheck"] = "root", ["/grpc.health.v1.Health/Check"] = "healthz",
        ["/qdrant.Collections/Get"] = "get_collection", ["/qdrant.Collections/List"] = "get_collections",
        ["/qdrant.Collections/Create"] = "create_collection", ["/qdrant.Collections/Update"] = "update_collection",
        ["/qdrant.Collections/Delete"] = "delete_collection", ["/qdrant.Collections/UpdateAliases"] = "update_aliases",
        ["/qdrant.Collections/ListCollectionAliases"] = "get_collection_aliases", ["/qdrant.Collections/ListAliases"] = "get_collections_aliases",
        ["/qdrant.Collections/CollectionClusterInfo"] = "collection_cluster_info", ["/qdrant.Collections/CollectionExists"] = "collection_exists",
        ["/qdrant.Collections/UpdateCollectionClusterSetup"] = "update_collection_cluster", ["/qdrant.Collections/CreateShardKey"] = "create_shard_key",
        ["/qdrant.Collections/DeleteShardKey"] = "delete_shard_key", ["/qdrant.Collections/ListShardKeys"] = "list_shard_keys",
        ["/qdrant.Points/Upsert"] = "upsert_points", ["/qdrant.Points/Delete"] = "delete_points", ["/qdrant.Points/Get"] = "get_points",
        ["/qdrant.Points/UpdateVectors"] = "update_vectors", ["/qdrant.Points/DeleteVectors"] = "delete_vectors",
        ["/qdrant.Points/SetPayload"] = "set_payload", ["/qdrant.Points/OverwritePayload"] = "overwrite_payload",
        ["/qdrant.Points/DeletePayload"] = "delete_payload", ["/qdrant.Points/ClearPayload"] = "clear_payload",
        ["/qdrant.Points/CreateFieldIndex"] = "create_field_index", ["/qdrant.Points/DeleteFieldIndex"] = "delete_field_index",
        ["/qdrant.Points/CreateVectorName"] = "create_vector_name", ["/qdrant.Points/DeleteVectorName"] = "delete_vector_name",
        ["/qdrant.Points/Search"] = "search_points", ["/qdrant.Points/SearchBatch"] = "search_batch_points",
        ["/qdrant.Points/SearchGroups"] = "search_point_groups", ["/qdrant.Points/Scroll"] = "scroll_points",
        ["/qdrant.Points/Recommend"] = "recommend_points", ["/qdrant.Points/RecommendBatch"] = "recommend_batch_points",
        ["/qdrant.Points/RecommendGroups"] = "recommend_point_groups", ["/qdrant.Points/Discover"] = "discover_points",
        ["/qdrant.Points/DiscoverBatch"] = "discover_batch_points", ["/qdrant.Points/Count"] = "count_points",
        ["/qdrant.Points/UpdateBatch"] = "batch_update", ["/qdrant.Points/Query"] = "query_points",
        ["/qdrant.Points/QueryBatch"] = "query_batch_points", ["/qdrant.Points/QueryGroups"] = "query_points_groups",
        ["/qdrant.Points/Facet"] = "facet", ["/qdrant.Points/SearchMatrixPairs"] = "search_matrix_pairs",
        ["/qdrant.Points/SearchMatrixOffsets"] = "search_matrix_offsets",
        ["/qdrant.Snapshots/Create"] = "create_snapshot", ["/qdrant.Snapshots/List"] = "list_snapshots",
        ["/qdrant.Snapshots/Delete"] = "delete_snapshot", ["/qdrant.Snapshots/CreateFull"] = "create_full_snapshot",
        ["/qdrant.Snapshots/ListFull"] = "list_full_snapshots", ["/qdrant.Snapshots/DeleteFull"] = "delete_full_snapshot",
        ["/qdrant.StorageRead/ListFiles"] = "list_files", ["/qdrant.StorageRead/FileExists"] = "file_exists",
        ["/qdrant.StorageRead/FileLength"] = "file_length", ["/qdrant.StorageRead/ReadBytes"] = "read_bytes",
        ["/qdrant.StorageRead/ReadBytesStream"] = "read_bytes_stream", ["/qdrant.StorageRead/ReadWhole"] = "read_whole",
        ["/qdrant.StorageRead/ReadBatch"] = "read_batch",
    };

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    public static TheoryData<string> CredentialNames => [.. Credentials.All().Select(c => c.Name)];

    [Fact]
    public void EveryServedMethod_IsInTheReferenceMapping()
    {
        var served = PublicServices.Descriptors.SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}"));
        Assert.DoesNotContain(served, path => !MethodActions.ContainsKey(path));
    }

    [Theory]
    [MemberData(nameof(CredentialNames))]
    public async Task EveryMethod_FollowsTheAccessTable(string credentialName)
    {
        var (_, header, column) = Credentials.All().Single(c => c.Name == credentialName);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{fixture.Node.GrpcPort}");
        var invoker = channel.CreateCallInvoker();
        var failures = new List<string>();
        foreach (var service in PublicServices.Descriptors)
        {
            foreach (var method in service.Methods)
            {
                var path = $"/{service.FullName}/{method.Name}";
                var action = MethodActions[path];
                var status = await CallAsync(invoker, method, Metadata(header));
                var allowed = column switch
                {
                    Column.Unauthenticated or Column.ForbiddenToken => QdrantAccessTable.IsPublic(action),
                    _ => QdrantAccessTable.Allows(action, column),
                };
                var expected = allowed ? "allowed" : column == Column.Unauthenticated ? "Unauthenticated" : "PermissionDenied";
                var ok = expected switch
                {
                    "allowed" => status is not (StatusCode.Unauthenticated or StatusCode.PermissionDenied),
                    "Unauthenticated" => status == StatusCode.Unauthenticated,
                    _ => status == StatusCode.PermissionDenied,
                };
                if (!ok)
                {
                    failures.Add($"{path} ({action}): expected {expected}, got {status}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{credentialName}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Reflection_NeedsACredential()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{fixture.Node.GrpcPort}");
        var client = new global::Grpc.Reflection.V1.ServerReflection.ServerReflectionClient(channel);
        Assert.Equal(StatusCode.Unauthenticated, await ListServicesAsync(client, new Metadata()));
        Assert.Equal(StatusCode.OK, await ListServicesAsync(client, new Metadata { { "api-key", SecuredNodeFixture.ReadOnlyKey } }));
    }

    private static async Task<StatusCode> ListServicesAsync(global::Grpc.Reflection.V1.ServerReflection.ServerReflectionClient client, Metadata headers)
    {
        try
        {
            using var call = client.ServerReflectionInfo(headers);
            await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1.ServerReflectionRequest { ListServices = string.Empty });
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }

            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static Metadata Metadata(string? header)
    {
        var metadata = new Metadata();
        if (header is not null)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            metadata.Add(header[..colon], header[(colon + 2)..]);
        }

        return metadata;
    }

    private static async Task<StatusCode> CallAsync(CallInvoker invoker, MethodDescriptor method, Metadata headers)
    {
        var request = method.InputType.Parser.ParseFrom(ByteString.Empty);
        if (method.InputType.FindFieldByName("collection_name") is { } field)
        {
            // Destructive global operations aim at a throwaway collection so the fixture survives manage credentials.
            field.Accessor.SetValue(request, method.Name == "Delete" && method.Service.Name == "Collections" ? "doomed" : "col");
        }

        var bytes = request.ToByteArray();
        try
        {
            if (method.IsServerStreaming)
            {
                var m = new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, Raw, Raw);
                using var call = invoker.AsyncServerStreamingCall(m, null, new CallOptions(headers), bytes);
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }
            else
            {
                var m = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, Raw, Raw);
                await invoker.AsyncUnaryCall(m, null, new CallOptions(headers), bytes);
            }

            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
