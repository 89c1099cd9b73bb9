using Citadel.Grpc;
using Grpc.Core;

namespace Citadel.Node.Grpc.Services;

/// <summary><c>qdrant.Snapshots</c>: routed and advertised, UNIMPLEMENTED until snapshots land.</summary>
internal sealed class SnapshotsService : Snapshots.SnapshotsBase
{
    private const string Feature = "snapshots";

    public override Task<CreateSnapshotResponse> Create(CreateSnapshotRequest request, ServerCallContext context) =>
        Planned.Fail<CreateSnapshotResponse>(context, Feature);

    public override Task<ListSnapshotsResponse> List(ListSnapshotsRequest request, ServerCallContext context) =>
        Planned.Fail<ListSnapshotsResponse>(context, Feature);

    public override Task<DeleteSnapshotResponse> Delete(DeleteSnapshotRequest request, ServerCallContext context) =>
        Planned.Fail<DeleteSnapshotResponse>(context, Feature);

    public override Task<CreateSnapshotResponse> CreateFull(CreateFullSnapshotRequest request, ServerCallContext context) =>
        Planned.Fail<CreateSnapshotResponse>(context, Feature);

    public override Task<ListSnapshotsResponse> ListFull(ListFullSnapshotsRequest request, ServerCallContext context) =>
        Planned.Fail<ListSnapshotsResponse>(context, Feature);

    public override Task<DeleteSnapshotResponse> DeleteFull(DeleteFullSnapshotRequest request, ServerCallContext context) =>
        Planned.Fail<DeleteSnapshotResponse>(context, Feature);
}
