using Citadel.Grpc;
using Citadel.Node.Grpc.Conversions;
using Citadel.Node.Security;
using Grpc.Core;

namespace Citadel.Node.Grpc.Services;

/// <summary>
/// The query methods of <c>qdrant.Points</c>: the universal query and its batch and grouped forms, the legacy
/// recommend, discover and grouped search (run as queries), and the distance matrices.
/// </summary>
internal sealed partial class PointsService
{
    public override Task<QueryResponse> Query(QueryPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var points = api.Query(collection, QueryConversions.ToDomain(request), RequestAuth.Of(context));
        var response = new QueryResponse { Time = Elapsed.Seconds(start) };
        response.Result.AddRange(points.Select(PointConversions.ToProto));
        return Task.FromResult(response);
    }

    public override Task<QueryBatchResponse> QueryBatch(QueryBatchPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        GrpcInput.ReadConsistency(request.ReadConsistency);
        GrpcInput.Timeout(request.HasTimeout, request.Timeout);
        var batches = api.QueryBatch(collection, request.QueryPoints.Select(QueryConversions.ToDomain).ToList(), RequestAuth.Of(context));
        var response = new QueryBatchResponse { Time = Elapsed.Seconds(start) };
        response.Result.AddRange(batches.Select(Batch));
        return Task.FromResult(response);
    }

    public override Task<QueryGroupsResponse> QueryGroups(QueryPointGroups request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var groups = api.QueryGroups(collection, GroupConversions.QueryGroups(request), RequestAuth.Of(context));
        return Task.FromResult(new QueryGroupsResponse { Result = GroupConversions.ToProto(groups), Time = Elapsed.Seconds(start) });
    }

    public override Task<SearchGroupsResponse> SearchGroups(SearchPointGroups request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var groups = api.QueryGroups(collection, ExploreConversions.SearchGroups(request), RequestAuth.Of(context));
        return Task.FromResult(new SearchGroupsResponse { Result = GroupConversions.ToProto(groups), Time = Elapsed.Seconds(start) });
    }

    public override Task<RecommendResponse> Recommend(RecommendPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var points = api.Query(collection, ExploreConversions.Recommend(request), RequestAuth.Of(context));
        var response = new RecommendResponse { Time = Elapsed.Seconds(start) };
        response.Result.AddRange(points.Select(PointConversions.ToProto));
        return Task.FromResult(response);
    }

    public override Task<RecommendBatchResponse> RecommendBatch(RecommendBatchPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        GrpcInput.ReadConsistency(request.ReadConsistency);
        GrpcInput.Timeout(request.HasTimeout, request.Timeout);
        var batches = api.QueryBatch(collection, request.RecommendPoints.Select(ExploreConversions.Recommend).ToList(), RequestAuth.Of(context));
        var response = new RecommendBatchResponse { Time = Elapsed.Seconds(start) };
        response.Result.AddRange(batches.Select(Batch));
        return Task.FromResult(response);
    }

    public override Task<RecommendGroupsResponse> RecommendGroups(RecommendPointGroups request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var groups = api.QueryGroups(collection, ExploreConversions.RecommendGroups(request), RequestAuth.Of(context));
        return Task.FromResult(new RecommendGroupsResponse { Result = GroupConversions.ToProto(groups), Time = Elapsed.Seconds(start) });
    }

    public override Task<DiscoverResponse> Discover(DiscoverPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var points = api.Query(collection, ExploreConversions.Discover(request), RequestAuth.Of(context));
        var response = new DiscoverResponse { Time = Elapsed.Seconds(start) };
        response.Result.AddRange(points.Select(PointConversions.ToProto));
        return Task.FromResult(response);
    }

    public override Task<DiscoverBatchResponse> DiscoverBatch(DiscoverBatchPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        GrpcInput.ReadConsistency(request.ReadConsistency);
        GrpcInput.Timeout(request.HasTimeout, request.Timeout);
        var batches = api.QueryBatch(collection, request.DiscoverPoints.Select(ExploreConversions.Discover).ToList(), RequestAuth.Of(context));
        var response = new DiscoverBatchResponse { Time = Elapsed.Seconds(start) };
        response.Result.AddRange(batches.Select(Batch));
        return Task.FromResult(response);
    }

    public override Task<SearchMatrixPairsResponse> SearchMatrixPairs(SearchMatrixPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var matrix = api.SearchMatrix(collection, MatrixConversions.ToDomain(request));
        return Task.FromResult(new SearchMatrixPairsResponse { Result = MatrixConversions.Pairs(matrix), Time = Elapsed.Seconds(start) });
    }

    public override Task<SearchMatrixOffsetsResponse> SearchMatrixOffsets(SearchMatrixPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var matrix = api.SearchMatrix(collection, MatrixConversions.ToDomain(request));
        return Task.FromResult(new SearchMatrixOffsetsResponse { Result = MatrixConversions.Offsets(matrix), Time = Elapsed.Seconds(start) });
    }
}
