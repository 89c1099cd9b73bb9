using Citadel.Grpc;
using Grpc.Core;
using Grpc.Net.Client;
using static Citadel.Tests.Integration.Grpc.GrpcBuilders;
using HealthClient = Citadel.Grpc.Health.Health.HealthClient;
using HealthRequest = Citadel.Grpc.Health.HealthCheckRequest;
using HealthStatus = Citadel.Grpc.Health.HealthCheckResponse.Types.ServingStatus;

namespace Citadel.Tests.Integration.Grpc;

/// <summary>The service-level surface: health, version, reflection, compression, unimplemented methods.</summary>
[Collection(GrpcNodeCollection.Name)]
public sealed class ServiceTests(GrpcNodeFixture node)
{
    private static readonly string[] PublicServiceNames =
    [
        "grpc.health.v1.Health",
        "qdrant.Collections",
        "qdrant.Points",
        "qdrant.Qdrant",
        "qdrant.Snapshots",
        "qdrant.StorageRead",
    ];

    [Fact]
    public async Task HealthCheck_ReportsTitleAndTheQdrantApiVersion()
    {
        var reply = await new Qdrant.QdrantClient(node.Channel).HealthCheckAsync(new HealthCheckRequest());

        Assert.Equal(Node.VersionInfo.Title, reply.Title);
        Assert.Equal("1.19.0", reply.Version);
    }

    [Fact]
    public async Task StandardHealthCheck_IsServing()
    {
        var reply = await new HealthClient(node.Channel).CheckAsync(new HealthRequest());

        Assert.Equal(HealthStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task ReflectionV1_ListsExactlyTheSixPublicServices()
    {
        var client = new global::Grpc.Reflection.V1.ServerReflection.ServerReflectionClient(node.Channel);
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1.ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal);
        Assert.Equal(PublicServiceNames, names);
    }

    [Fact]
    public async Task ReflectionV1Alpha_ListsExactlyTheSixPublicServices()
    {
        var client = new global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(node.Channel);
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal);
        Assert.Equal(PublicServiceNames, names);
    }

    [Fact]
    public async Task GzipRequests_AreAccepted_AndResponsesAreGzipped()
    {
        var name = GrpcNodeFixture.UniqueName("gzip");
        await node.Collections.CreateAsync(Single(name, 2, Distance.Dot));
        using var recorder = new HeaderRecorder();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{node.Node.GrpcPort}", new GrpcChannelOptions { HttpHandler = recorder });
        var points = new Points.PointsClient(channel);
        var gzip = new Metadata { { "grpc-internal-encoding-request", "gzip" } };

        var upsert = new UpsertPoints { CollectionName = name, Wait = true, Points = { Point(1, Dense(0.5f, 0.25f), ("text", Str(new string('x', 4096)))) } };
        var result = await points.UpsertAsync(upsert, gzip);
        var count = await points.CountAsync(new CountPoints { CollectionName = name }, gzip);

        Assert.Equal(UpdateStatus.Completed, result.Result.Status);
        Assert.Equal(1UL, count.Result.Count);
        Assert.Equal(["gzip", "gzip"], recorder.RequestEncodings);
        Assert.Equal(["gzip", "gzip"], recorder.ResponseEncodings);
    }

    [Fact]
    public async Task PlannedPointMethods_AnswerUnimplementedNamingTheFeature()
    {
        var vectorName = await Assert.ThrowsAsync<RpcException>(() => node.Points.CreateVectorNameAsync(new CreateVectorNameRequest { CollectionName = "any", VectorName = "v" }).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, vectorName.StatusCode);
        Assert.Equal("`qdrant.Points/CreateVectorName` is not implemented yet (named vector management)", vectorName.Status.Detail);
    }

    [Fact]
    public async Task PlannedCollectionSnapshotAndStorageMethods_AnswerUnimplemented()
    {
        var shardKeys = await Assert.ThrowsAsync<RpcException>(() => node.Collections.ListShardKeysAsync(new ListShardKeysRequest { CollectionName = "any" }).ResponseAsync);
        var snapshots = await Assert.ThrowsAsync<RpcException>(() => new Snapshots.SnapshotsClient(node.Channel).ListFullAsync(new ListFullSnapshotsRequest()).ResponseAsync);
        var storage = await Assert.ThrowsAsync<RpcException>(() => new StorageRead.StorageReadClient(node.Channel).ListFilesAsync(new ListFilesRequest { CollectionName = "any" }).ResponseAsync);

        Assert.All([shardKeys, snapshots, storage], e => Assert.Equal(StatusCode.Unimplemented, e.StatusCode));
        Assert.Contains("custom sharding", shardKeys.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("snapshots", snapshots.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectionClusterInfo_OnASingleNode_ListsEveryShardAsLocal()
    {
        await node.Collections.CreateAsync(new CreateCollection { CollectionName = "cluster_info", ShardNumber = 2, VectorsConfig = new VectorsConfig { Params = new VectorParams { Size = 2, Distance = Distance.Dot } } });

        var info = await node.Collections.CollectionClusterInfoAsync(new CollectionClusterInfoRequest { CollectionName = "cluster_info" });
        var missing = await Assert.ThrowsAsync<RpcException>(() => node.Collections.CollectionClusterInfoAsync(new CollectionClusterInfoRequest { CollectionName = "nope" }).ResponseAsync);

        Assert.Equal(2UL, info.ShardCount);
        Assert.Equal([0U, 1U], info.LocalShards.Select(s => s.ShardId));
        Assert.Empty(info.RemoteShards);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task StreamingStorageRead_AnswersUnimplemented()
    {
        using var call = new StorageRead.StorageReadClient(node.Channel).ReadBytesStream(new ReadBytesStreamRequest { CollectionName = "any", Path = "x" });

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
    }
}

/// <summary>Records the <c>grpc-encoding</c> of requests and responses passing through a channel.</summary>
internal sealed class HeaderRecorder() : DelegatingHandler(new SocketsHttpHandler())
{
    public List<string> RequestEncodings { get; } = [];

    public List<string> ResponseEncodings { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RequestEncodings.Add(request.Headers.TryGetValues("grpc-encoding", out var sent) ? string.Join(',', sent) : "identity");
        var response = await base.SendAsync(request, cancellationToken);
        ResponseEncodings.Add(response.Headers.TryGetValues("grpc-encoding", out var received) ? string.Join(',', received) : "identity");
        return response;
    }
}
