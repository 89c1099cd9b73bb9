using Citadel.Grpc;
using Citadel.Node.Api;
using Citadel.Node.Grpc.Conversions;
using Citadel.Node.Security;
using Grpc.Core;

namespace Citadel.Node.Grpc.Services;

/// <summary><c>qdrant.Collections</c>: collections and aliases through <see cref="CollectionsApi"/>, like the REST endpoints.</summary>
internal sealed class CollectionsService(CollectionsApi api, Cluster.ClusterApi cluster) : Collections.CollectionsBase
{
    public override Task<GetCollectionInfoResponse> Get(GetCollectionInfoRequest request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = api.Get(GrpcInput.CollectionName(request.CollectionName));
        var info = CollectionInfoConversions.ToProto(collection);
        return Task.FromResult(new GetCollectionInfoResponse { Result = info, Time = Elapsed.Seconds(start) });
    }

    public override Task<ListCollectionsResponse> List(ListCollectionsRequest request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var response = new ListCollectionsResponse();
        response.Collections.AddRange(api.List(RequestAuth.Of(context)).Select(name => new CollectionDescription { Name = name }));
        response.Time = Elapsed.Seconds(start);
        return Task.FromResult(response);
    }

    public override async Task<CollectionOperationResponse> Create(CreateCollection request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var name = GrpcInput.CollectionName(request.CollectionName);
        var result = await api.CreateAsync(name, CollectionConversions.Create(request), context.CancellationToken);
        return new CollectionOperationResponse { Result = result, Time = Elapsed.Seconds(start) };
    }

    public override async Task<CollectionOperationResponse> Update(UpdateCollection request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var name = GrpcInput.CollectionName(request.CollectionName);
        var result = await api.UpdateAsync(name, CollectionConversions.Update(request), context.CancellationToken);
        return new CollectionOperationResponse { Result = result, Time = Elapsed.Seconds(start) };
    }

    public override async Task<CollectionOperationResponse> Delete(DeleteCollection request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var name = GrpcInput.CollectionName(request.CollectionName);
        GrpcInput.Timeout(request.HasTimeout, request.Timeout);
        var result = await api.DeleteAsync(name, context.CancellationToken);
        return new CollectionOperationResponse { Result = result, Time = Elapsed.Seconds(start) };
    }

    public override async Task<CollectionOperationResponse> UpdateAliases(ChangeAliases request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var result = await api.ChangeAliasesAsync(CollectionConversions.Aliases(request), context.CancellationToken);
        return new CollectionOperationResponse { Result = result, Time = Elapsed.Seconds(start) };
    }

    public override Task<ListAliasesResponse> ListCollectionAliases(ListCollectionAliasesRequest request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var aliases = api.ListAliases(RequestAuth.Of(context), GrpcInput.CollectionName(request.CollectionName));
        return Task.FromResult(Aliases(aliases, start));
    }

    public override Task<ListAliasesResponse> ListAliases(ListAliasesRequest request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        return Task.FromResult(Aliases(api.ListAliases(RequestAuth.Of(context)), start));
    }

    public override Task<CollectionExistsResponse> CollectionExists(CollectionExistsRequest request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var exists = api.Exists(GrpcInput.CollectionName(request.CollectionName));
        return Task.FromResult(new CollectionExistsResponse { Result = new Citadel.Grpc.CollectionExists { Exists = exists }, Time = Elapsed.Seconds(start) });
    }

    public override Task<CollectionClusterInfoResponse> CollectionClusterInfo(CollectionClusterInfoRequest request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var info = cluster.CollectionInfo(GrpcInput.CollectionName(request.CollectionName));
        var response = new CollectionClusterInfoResponse { PeerId = info.PeerId, ShardCount = (ulong)info.ShardCount };
        response.LocalShards.AddRange(info.Local.Select(s => new LocalShardInfo { ShardId = s.ShardId, PointsCount = (ulong)s.PointsCount, State = ReplicaState.Active }));
        response.RemoteShards.AddRange(info.Remote.Select(s => new RemoteShardInfo { ShardId = s.ShardId, PeerId = s.PeerId, State = ReplicaState.Active }));
        response.Time = Elapsed.Seconds(start);
        return Task.FromResult(response);
    }

    public override Task<UpdateCollectionClusterSetupResponse> UpdateCollectionClusterSetup(UpdateCollectionClusterSetupRequest request, ServerCallContext context) =>
        Planned.Fail<UpdateCollectionClusterSetupResponse>(context, "cluster mode");

    public override Task<CreateShardKeyResponse> CreateShardKey(CreateShardKeyRequest request, ServerCallContext context) =>
        Planned.Fail<CreateShardKeyResponse>(context, "custom sharding");

    public override Task<DeleteShardKeyResponse> DeleteShardKey(DeleteShardKeyRequest request, ServerCallContext context) =>
        Planned.Fail<DeleteShardKeyResponse>(context, "custom sharding");

    public override Task<ListShardKeysResponse> ListShardKeys(ListShardKeysRequest request, ServerCallContext context) =>
        Planned.Fail<ListShardKeysResponse>(context, "custom sharding");

    private static ListAliasesResponse Aliases(IEnumerable<KeyValuePair<string, string>> aliases, long start)
    {
        var response = new ListAliasesResponse();
        response.Aliases.AddRange(aliases.Select(a => new AliasDescription { AliasName = a.Key, CollectionName = a.Value }));
        response.Time = Elapsed.Seconds(start);
        return response;
    }
}
