using Citadel.Grpc;
using Grpc.Core;

namespace Citadel.Node.Grpc.Services;

/// <summary><c>qdrant.StorageRead</c>: routed and advertised, UNIMPLEMENTED until raw storage reads land.</summary>
internal sealed class StorageReadService : StorageRead.StorageReadBase
{
    private const string Feature = "storage reads";

    public override Task<ListFilesResponse> ListFiles(ListFilesRequest request, ServerCallContext context) =>
        Planned.Fail<ListFilesResponse>(context, Feature);

    public override Task<FileExistsResponse> FileExists(FileExistsRequest request, ServerCallContext context) =>
        Planned.Fail<FileExistsResponse>(context, Feature);

    public override Task<FileLengthResponse> FileLength(FileLengthRequest request, ServerCallContext context) =>
        Planned.Fail<FileLengthResponse>(context, Feature);

    public override Task<ReadBytesResponse> ReadBytes(ReadBytesRequest request, ServerCallContext context) =>
        Planned.Fail<ReadBytesResponse>(context, Feature);

    public override Task ReadBytesStream(ReadBytesStreamRequest request, IServerStreamWriter<ReadBytesStreamResponse> responseStream, ServerCallContext context) =>
        Planned.Fail(context, Feature);

    public override Task<ReadWholeResponse> ReadWhole(ReadWholeRequest request, ServerCallContext context) =>
        Planned.Fail<ReadWholeResponse>(context, Feature);

    public override Task<ReadBatchResponse> ReadBatch(ReadBatchRequest request, ServerCallContext context) =>
        Planned.Fail<ReadBatchResponse>(context, Feature);
}
