using Citadel.Grpc;
using Citadel.Node.Api;
using Citadel.Node.Grpc.Conversions;
using Grpc.Core;

namespace Citadel.Node.Grpc.Services;

/// <summary>
/// <c>qdrant.Points</c>: point updates here, reads and searches in <c>PointsService.Read.cs</c>, methods of later
/// milestones in <c>PointsService.Planned.cs</c>. Everything goes through <see cref="PointsApi"/>, like the REST endpoints.
/// </summary>
internal sealed partial class PointsService(PointsApi api, PayloadIndexApi indexes) : Points.PointsBase
{
    public override Task<PointsOperationResponse> Upsert(UpsertPoints request, ServerCallContext context)
    {
        GrpcInput.NoShardKey(request.ShardKeySelector);
        var write = GrpcInput.Write(request.HasWait, request.Wait, request.Ordering, request.HasTimeout, request.Timeout);
        return UpdateAsync(request.CollectionName, () => UpdateConversions.Upsert(request.Points, request.UpdateFilter, request.HasUpdateMode, request.UpdateMode), write, context);
    }

    public override Task<PointsOperationResponse> Delete(DeletePoints request, ServerCallContext context)
    {
        GrpcInput.NoShardKey(request.ShardKeySelector);
        var write = GrpcInput.Write(request.HasWait, request.Wait, request.Ordering, request.HasTimeout, request.Timeout);
        return UpdateAsync(request.CollectionName, () => UpdateConversions.Delete(request.Points), write, context);
    }

    public override Task<PointsOperationResponse> UpdateVectors(UpdatePointVectors request, ServerCallContext context)
    {
        GrpcInput.NoShardKey(request.ShardKeySelector);
        var write = GrpcInput.Write(request.HasWait, request.Wait, request.Ordering, request.HasTimeout, request.Timeout);
        return UpdateAsync(request.CollectionName, () => UpdateConversions.UpdateVectors(request.Points, request.UpdateFilter), write, context);
    }

    public override Task<PointsOperationResponse> DeleteVectors(DeletePointVectors request, ServerCallContext context)
    {
        GrpcInput.NoShardKey(request.ShardKeySelector);
        var write = GrpcInput.Write(request.HasWait, request.Wait, request.Ordering, request.HasTimeout, request.Timeout);
        return UpdateAsync(request.CollectionName, () => UpdateConversions.DeleteVectors(request.PointsSelector, request.Vectors), write, context);
    }

    public override Task<PointsOperationResponse> SetPayload(SetPayloadPoints request, ServerCallContext context)
    {
        GrpcInput.NoShardKey(request.ShardKeySelector);
        var write = GrpcInput.Write(request.HasWait, request.Wait, request.Ordering, request.HasTimeout, request.Timeout);
        return UpdateAsync(request.CollectionName, () => UpdateConversions.SetPayload(request.Payload, request.PointsSelector, request.HasKey ? request.Key : null), write, context);
    }

    public override Task<PointsOperationResponse> OverwritePayload(SetPayloadPoints request, ServerCallContext context)
    {
        GrpcInput.NoShardKey(request.ShardKeySelector);
        var write = GrpcInput.Write(request.HasWait, request.Wait, request.Ordering, request.HasTimeout, request.Timeout);
        return UpdateAsync(request.CollectionName, () => UpdateConversions.OverwritePayload(request.Payload, request.PointsSelector), write, context);
    }

    public override Task<PointsOperationResponse> DeletePayload(DeletePayloadPoints request, ServerCallContext context)
    {
        GrpcInput.NoShardKey(request.ShardKeySelector);
        var write = GrpcInput.Write(request.HasWait, request.Wait, request.Ordering, request.HasTimeout, request.Timeout);
        return UpdateAsync(request.CollectionName, () => UpdateConversions.DeletePayload(request.Keys, request.PointsSelector), write, context);
    }

    public override Task<PointsOperationResponse> ClearPayload(ClearPayloadPoints request, ServerCallContext context)
    {
        GrpcInput.NoShardKey(request.ShardKeySelector);
        var write = GrpcInput.Write(request.HasWait, request.Wait, request.Ordering, request.HasTimeout, request.Timeout);
        return UpdateAsync(request.CollectionName, () => UpdateConversions.ClearPayload(request.Points), write, context);
    }

    public override async Task<UpdateBatchResponse> UpdateBatch(UpdateBatchPoints request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var collection = GrpcInput.CollectionName(request.CollectionName);
        var write = GrpcInput.Write(request.HasWait, request.Wait, request.Ordering, request.HasTimeout, request.Timeout);

        // Every operation is converted before any is applied, so a malformed one changes nothing.
        var operations = request.Operations.Select(UpdateConversions.Batch).ToList();
        var results = await api.BatchAsync(collection, operations, write, context.CancellationToken);
        var response = new UpdateBatchResponse();
        response.Result.AddRange(results.Select(PointConversions.ToProto));
        response.Time = Elapsed.Seconds(start);
        return response;
    }

    private async Task<PointsOperationResponse> UpdateAsync(string collection, Func<Storage.Operations.UpdateOperation> convert, WriteParams write, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var name = GrpcInput.CollectionName(collection);
        var result = await api.UpdateAsync(name, convert(), write, context.CancellationToken);
        return new PointsOperationResponse { Result = PointConversions.ToProto(result), Time = Elapsed.Seconds(start) };
    }
}
