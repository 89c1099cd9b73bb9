using Citadel.Grpc;
using Citadel.Storage.Collections;
using Citadel.Storage.Shards;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Citadel.Node.Grpc.Services;

/// <summary>
/// <c>qdrant.StorageRead</c>: read-only access to one shard's files for callers with read access to the collection
/// (checked by the gRPC gate). Path confinement is <see cref="ShardFileReader"/>'s.
/// </summary>
internal sealed class StorageReadService(CollectionManager collections) : StorageRead.StorageReadBase
{
    private const int StreamChunkBytes = 1024 * 1024;

    public override Task<ListFilesResponse> ListFiles(ListFilesRequest request, ServerCallContext context)
    {
        var response = new ListFilesResponse();
        foreach (var (path, size, modified) in Files(request.CollectionName, request.ShardId).List(request.PrefixPath))
        {
            response.Files.Add(new ListFilesEntry { Path = path, Size = (ulong)size, LastModified = Timestamp.FromDateTime(modified) });
        }

        return Task.FromResult(response);
    }

    public override Task<FileExistsResponse> FileExists(FileExistsRequest request, ServerCallContext context) =>
        Task.FromResult(new FileExistsResponse { Exists = Files(request.CollectionName, request.ShardId).Exists(request.Path) });

    public override Task<FileLengthResponse> FileLength(FileLengthRequest request, ServerCallContext context) =>
        Task.FromResult(new FileLengthResponse { Length = (ulong)Files(request.CollectionName, request.ShardId).Length(request.Path) });

    public override Task<ReadBytesResponse> ReadBytes(ReadBytesRequest request, ServerCallContext context) =>
        Task.FromResult(new ReadBytesResponse
        {
            Data = ByteString.CopyFrom(Files(request.CollectionName, request.ShardId).Read(request.Path, request.ByteOffset, request.Length)),
        });

    public override async Task ReadBytesStream(ReadBytesStreamRequest request, IServerStreamWriter<ReadBytesStreamResponse> responseStream, ServerCallContext context)
    {
        await using var file = Files(request.CollectionName, request.ShardId).Open(request.Path, request.ByteOffset, request.Length);
        var remaining = request.Length;
        var buffer = new byte[StreamChunkBytes];
        while (remaining > 0)
        {
            var n = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min((ulong)buffer.Length, remaining)), context.CancellationToken);
            if (n == 0)
            {
                // The file shrank after the range check (a checkpoint replaced it): end the stream short.
                break;
            }

            await responseStream.WriteAsync(new ReadBytesStreamResponse { Data = ByteString.CopyFrom(buffer, 0, n) }, context.CancellationToken);
            remaining -= (ulong)n;
        }
    }

    public override Task<ReadWholeResponse> ReadWhole(ReadWholeRequest request, ServerCallContext context) =>
        Task.FromResult(new ReadWholeResponse { Data = ByteString.CopyFrom(Files(request.CollectionName, request.ShardId).ReadWhole(request.Path)) });

    public override Task<ReadBatchResponse> ReadBatch(ReadBatchRequest request, ServerCallContext context)
    {
        var files = Files(request.CollectionName, request.ShardId);
        var total = request.Ranges.Aggregate(0UL, (sum, r) => sum + Math.Min(r.Length, (ulong)ShardFileReader.MaxReadBytes + 1));
        if (total > ShardFileReader.MaxReadBytes)
        {
            throw Common.Errors.CitadelException.BadRequest($"Cannot read more than {ShardFileReader.MaxReadBytes} bytes in one batch");
        }

        var response = new ReadBatchResponse();
        foreach (var range in request.Ranges)
        {
            response.Data.Add(ByteString.CopyFrom(files.Read(request.Path, range.ByteOffset, range.Length)));
        }

        return Task.FromResult(response);
    }

    private ShardFileReader Files(string collection, uint shardId) => collections.Get(collection).GetShard(shardId).Files;
}
