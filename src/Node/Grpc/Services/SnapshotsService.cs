using Citadel.Grpc;
using Citadel.Node.Snapshots;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Citadel.Node.Grpc.Services;

/// <summary><c>qdrant.Snapshots</c>: collection and full snapshots (downloads and recovery are REST-only, as in Qdrant).</summary>
internal sealed class SnapshotsService(CollectionSnapshots collections, FullSnapshots full) : Citadel.Grpc.Snapshots.SnapshotsBase
{
    public override async Task<CreateSnapshotResponse> Create(CreateSnapshotRequest request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var info = await collections.CreateAsync(request.CollectionName);
        return new CreateSnapshotResponse { SnapshotDescription = Description(info), Time = Elapsed.Seconds(start) };
    }

    public override Task<ListSnapshotsResponse> List(ListSnapshotsRequest request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        return Task.FromResult(ListResponse(collections.List(request.CollectionName), start));
    }

    public override Task<DeleteSnapshotResponse> Delete(DeleteSnapshotRequest request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        collections.Delete(request.CollectionName, request.SnapshotName);
        return Task.FromResult(new DeleteSnapshotResponse { Time = Elapsed.Seconds(start) });
    }

    public override async Task<CreateSnapshotResponse> CreateFull(CreateFullSnapshotRequest request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        var info = await full.CreateAsync();
        return new CreateSnapshotResponse { SnapshotDescription = Description(info), Time = Elapsed.Seconds(start) };
    }

    public override Task<ListSnapshotsResponse> ListFull(ListFullSnapshotsRequest request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        return Task.FromResult(ListResponse(full.List(), start));
    }

    public override Task<DeleteSnapshotResponse> DeleteFull(DeleteFullSnapshotRequest request, ServerCallContext context)
    {
        var start = Elapsed.Start();
        full.Delete(request.SnapshotName);
        return Task.FromResult(new DeleteSnapshotResponse { Time = Elapsed.Seconds(start) });
    }

    private static ListSnapshotsResponse ListResponse(IEnumerable<SnapshotInfo> snapshots, long start)
    {
        var response = new ListSnapshotsResponse();
        response.SnapshotDescriptions.AddRange(snapshots.Select(Description));
        response.Time = Elapsed.Seconds(start);
        return response;
    }

    private static SnapshotDescription Description(SnapshotInfo info)
    {
        var d = new SnapshotDescription
        {
            Name = info.Name,
            CreationTime = Timestamp.FromDateTime(DateTime.SpecifyKind(info.CreationTime, DateTimeKind.Utc)),
            Size = info.Size,
        };
        if (info.Checksum is not null)
        {
            d.Checksum = info.Checksum;
        }

        return d;
    }
}
