using Citadel.Grpc;
using Citadel.Node.Grpc.Conversions;
using Citadel.Storage.Payloads;
using Grpc.Core;

namespace Citadel.Node.Grpc.Services;

/// <summary>Payload indexes and facets of <c>qdrant.Points</c>, through <see cref="Api.PayloadIndexApi"/> like the REST endpoints.</summary>
internal sealed partial class PointsService
{
    public override async Task<PointsOperationResponse> CreateFieldIndex(CreateFieldIndexCollection request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var write = GrpcInput.Write(request.HasWait, request.Wait, request.Ordering, request.HasTimeout, request.Timeout);
        var field = JsonPath.Parse(request.FieldName);
        var result = await indexes.CreateAsync(collection, field, PayloadIndexConversions.Schema(request), write, context.CancellationToken);
        return new PointsOperationResponse { Result = PointConversions.ToProto(result), Time = Elapsed.Seconds(start) };
    }

    public override async Task<PointsOperationResponse> DeleteFieldIndex(DeleteFieldIndexCollection request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var write = GrpcInput.Write(request.HasWait, request.Wait, request.Ordering, request.HasTimeout, request.Timeout);
        var result = await indexes.DeleteAsync(collection, JsonPath.Parse(request.FieldName), write, context.CancellationToken);
        return new PointsOperationResponse { Result = PointConversions.ToProto(result), Time = Elapsed.Seconds(start) };
    }

    public override Task<FacetResponse> Facet(FacetCounts request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var hits = indexes.Facet(collection, FacetConversions.Request(request));
        var response = new FacetResponse();
        response.Hits.AddRange(hits.Select(FacetConversions.ToProto));
        response.Time = Elapsed.Seconds(start);
        return Task.FromResult(response);
    }
}
