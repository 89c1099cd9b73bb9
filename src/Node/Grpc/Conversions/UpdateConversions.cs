using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;
using Google.Protobuf.Collections;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>Point update requests, alone or inside <c>UpdateBatch</c>, as domain <see cref="UpdateOperation"/>s.</summary>
internal static class UpdateConversions
{
    private const string SelectorMissing = "PointSelector is missing";
    private const string SelectorExpected = "points_selector is expected";

    public static UpsertPoints Upsert(RepeatedField<G.PointStruct> points, G.Filter? updateFilter, bool hasMode, G.UpdateMode mode) =>
        new(points.Select(PointConversions.ToDomain).ToList(), FilterConversions.ToDomainOrNull(updateFilter), hasMode ? Mode(mode) : UpdateMode.Upsert);

    public static DeletePoints Delete(G.PointsSelector? selector) => new(SelectorConversions.Points(selector, SelectorMissing));

    public static SetPayload SetPayload(MapField<string, G.Value> payload, G.PointsSelector? selector, string? key) => new(
        ValueConversions.Object(payload),
        SelectorConversions.Points(selector, SelectorExpected),
        key is null ? null : JsonPath.Parse(key));

    /// <summary>Overwrite ignores <c>key</c>, as Qdrant does.</summary>
    public static OverwritePayload OverwritePayload(MapField<string, G.Value> payload, G.PointsSelector? selector) =>
        new(ValueConversions.Object(payload), SelectorConversions.Points(selector, SelectorExpected));

    public static DeletePayload DeletePayload(IEnumerable<string> keys, G.PointsSelector? selector) =>
        new(keys.Select(JsonPath.Parse).ToList(), SelectorConversions.Points(selector, SelectorExpected));

    public static ClearPayload ClearPayload(G.PointsSelector? selector) => new(SelectorConversions.Points(selector, SelectorMissing));

    public static UpdateVectors UpdateVectors(RepeatedField<G.PointVectors> points, G.Filter? updateFilter)
    {
        if (points.Count == 0)
        {
            throw GrpcInput.Validation("points", "must contain at least 1 item");
        }

        return new UpdateVectors(points.Select(PointConversions.ToDomain).ToList(), FilterConversions.ToDomainOrNull(updateFilter));
    }

    public static DeleteVectors DeleteVectors(G.PointsSelector? selector, G.VectorsSelector? vectors)
    {
        var points = SelectorConversions.Points(selector, SelectorExpected);
        var names = GrpcInput.Require(vectors, "vectors is expected").Names;
        return names.Count > 0 ? new DeleteVectors(points, [.. names]) : throw GrpcInput.Validation("vectors", "must contain at least 1 item");
    }

    /// <summary>One operation of <c>UpdateBatch</c>.</summary>
    public static UpdateOperation Batch(G.PointsUpdateOperation op)
    {
        switch (op.OperationCase)
        {
            case G.PointsUpdateOperation.OperationOneofCase.Upsert:
                GrpcInput.NoShardKey(op.Upsert.ShardKeySelector);
                return Upsert(op.Upsert.Points, op.Upsert.UpdateFilter, op.Upsert.HasUpdateMode, op.Upsert.UpdateMode);
            case G.PointsUpdateOperation.OperationOneofCase.DeleteDeprecated:
                return Delete(op.DeleteDeprecated);
            case G.PointsUpdateOperation.OperationOneofCase.DeletePoints:
                GrpcInput.NoShardKey(op.DeletePoints.ShardKeySelector);
                return Delete(op.DeletePoints.Points);
            case G.PointsUpdateOperation.OperationOneofCase.SetPayload:
                GrpcInput.NoShardKey(op.SetPayload.ShardKeySelector);
                return SetPayload(op.SetPayload.Payload, op.SetPayload.PointsSelector, op.SetPayload.HasKey ? op.SetPayload.Key : null);
            case G.PointsUpdateOperation.OperationOneofCase.OverwritePayload:
                GrpcInput.NoShardKey(op.OverwritePayload.ShardKeySelector);
                return OverwritePayload(op.OverwritePayload.Payload, op.OverwritePayload.PointsSelector);
            case G.PointsUpdateOperation.OperationOneofCase.DeletePayload:
                GrpcInput.NoShardKey(op.DeletePayload.ShardKeySelector);
                return DeletePayload(op.DeletePayload.Keys, op.DeletePayload.PointsSelector);
            case G.PointsUpdateOperation.OperationOneofCase.ClearPayloadDeprecated:
                return ClearPayload(op.ClearPayloadDeprecated);
            case G.PointsUpdateOperation.OperationOneofCase.ClearPayload:
                GrpcInput.NoShardKey(op.ClearPayload.ShardKeySelector);
                return ClearPayload(op.ClearPayload.Points);
            case G.PointsUpdateOperation.OperationOneofCase.UpdateVectors:
                GrpcInput.NoShardKey(op.UpdateVectors.ShardKeySelector);
                return UpdateVectors(op.UpdateVectors.Points, op.UpdateVectors.UpdateFilter);
            case G.PointsUpdateOperation.OperationOneofCase.DeleteVectors:
                GrpcInput.NoShardKey(op.DeleteVectors.ShardKeySelector);
                return DeleteVectors(op.DeleteVectors.PointsSelector, op.DeleteVectors.Vectors);
            default:
                throw GrpcInput.Invalid("Operation is missing");
        }
    }

    private static UpdateMode Mode(G.UpdateMode mode) => mode switch
    {
        G.UpdateMode.Upsert => UpdateMode.Upsert,
        G.UpdateMode.InsertOnly => UpdateMode.InsertOnly,
        G.UpdateMode.UpdateOnly => UpdateMode.UpdateOnly,
        var other => throw GrpcInput.Invalid($"Unknown update mode: {(int)other}"),
    };
}
