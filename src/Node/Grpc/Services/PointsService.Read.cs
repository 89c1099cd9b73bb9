using Citadel.Grpc;
using Citadel.Node.Grpc.Conversions;
using Grpc.Core;

namespace Citadel.Node.Grpc.Services;

/// <summary>Point reads and searches of <c>qdrant.Points</c> (queries: <c>PointsService.Query.cs</c>).</summary>
internal sealed partial class PointsService
{
    public override Task<GetResponse> Get(GetPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var points = api.Retrieve(collection, SearchConversions.Retrieve(request));
        var response = new GetResponse();
        response.Result.AddRange(points.Select(PointConversions.ToProto));
        response.Time = Elapsed.Seconds(start);
        return Task.FromResult(response);
    }

    public override Task<ScrollResponse> Scroll(ScrollPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var page = api.Scroll(collection, SearchConversions.Scroll(request));
        var response = new ScrollResponse();
        response.Result.AddRange(page.Points.Select(PointConversions.ToProto));
        if (page.NextPageOffset is { } next)
        {
            response.NextPageOffset = PointIdConversions.ToProto(next);
        }

        response.Time = Elapsed.Seconds(start);
        return Task.FromResult(response);
    }

    public override Task<CountResponse> Count(CountPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var count = api.Count(collection, SearchConversions.Count(request).Filter);
        return Task.FromResult(new CountResponse { Result = new CountResult { Count = (ulong)count }, Time = Elapsed.Seconds(start) });
    }

    public override Task<SearchResponse> Search(SearchPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var points = api.Search(collection, SearchConversions.Search(request));
        var response = new SearchResponse();
        response.Result.AddRange(points.Select(PointConversions.ToProto));
        response.Time = Elapsed.Seconds(start);
        return Task.FromResult(response);
    }

    public override Task<SearchBatchResponse> SearchBatch(SearchBatchPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        GrpcInput.ReadConsistency(request.ReadConsistency);
        GrpcInput.Timeout(request.HasTimeout, request.Timeout);
        var batches = api.SearchBatch(collection, request.SearchPoints.Select(SearchConversions.Search).ToList());
        var response = new SearchBatchResponse();
        response.Result.AddRange(batches.Select(Batch));
        response.Time = Elapsed.Seconds(start);
        return Task.FromResult(response);
    }

    internal static BatchResult Batch(IEnumerable<Storage.Search.ScoredPoint> points)
    {
        var batch = new BatchResult();
        batch.Result.AddRange(points.Select(PointConversions.ToProto));
        return batch;
    }
}
