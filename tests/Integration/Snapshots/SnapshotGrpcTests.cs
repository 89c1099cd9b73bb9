using Citadel.Grpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace Citadel.Tests.Integration.Snapshots;

/// <summary><c>qdrant.Snapshots</c> and <c>qdrant.StorageRead</c> through Grpc.Net.Client with our own protos.</summary>
[Collection(SnapshotNodeCollection.Name)]
public sealed class SnapshotGrpcTests(SnapshotNodeFixture node) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{node.Node.GrpcPort}");

    public static TheoryData<string> EscapingPaths =>
        ["../config.json", "../../meta.json", "segments/../../config.json", "/etc/passwd", "..", "", "wal/../../../0/manifest.json", "segments\\..\\..\\config.json"];

    [Fact]
    public async Task CreateListDelete_CollectionSnapshots()
    {
        var collection = SnapshotNodeFixture.UniqueName("grpc");
        await node.CreateCollectionAsync(collection, 10);
        var client = new Citadel.Grpc.Snapshots.SnapshotsClient(_channel);

        var created = await client.CreateAsync(new CreateSnapshotRequest { CollectionName = collection }, Admin());
        var listed = await client.ListAsync(new ListSnapshotsRequest { CollectionName = collection }, Admin());

        var description = Assert.Single(listed.SnapshotDescriptions);
        Assert.Equal(created.SnapshotDescription.Name, description.Name);
        Assert.Equal(created.SnapshotDescription.Checksum, description.Checksum);
        Assert.Matches("^[0-9a-f]{64}$", description.Checksum);
        Assert.True(description.Size > 0);
        Assert.InRange(description.CreationTime.ToDateTime(), DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));

        await client.DeleteAsync(new DeleteSnapshotRequest { CollectionName = collection, SnapshotName = description.Name }, Admin());
        Assert.Empty((await client.ListAsync(new ListSnapshotsRequest { CollectionName = collection }, Admin())).SnapshotDescriptions);
        var missing = await Assert.ThrowsAsync<RpcException>(() => client.DeleteAsync(new DeleteSnapshotRequest { CollectionName = collection, SnapshotName = "../../x" }, Admin()).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task CreateListDeleteFull_AndReadOnlyKeyIsRefusedCreate()
    {
        var client = new Citadel.Grpc.Snapshots.SnapshotsClient(_channel);

        var created = await client.CreateFullAsync(new CreateFullSnapshotRequest(), Admin());
        Assert.Contains((await client.ListFullAsync(new ListFullSnapshotsRequest(), Admin())).SnapshotDescriptions, d => d.Name == created.SnapshotDescription.Name);
        await client.DeleteFullAsync(new DeleteFullSnapshotRequest { SnapshotName = created.SnapshotDescription.Name }, Admin());

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.CreateFullAsync(new CreateFullSnapshotRequest(), ReadOnly()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        var refusedCollection = await Assert.ThrowsAsync<RpcException>(() => client.CreateAsync(new CreateSnapshotRequest { CollectionName = "any" }, ReadOnly()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refusedCollection.StatusCode);
    }

    [Fact]
    public async Task StorageRead_ReadsTheShardsOwnFiles()
    {
        var collection = SnapshotNodeFixture.UniqueName("files");
        await node.CreateCollectionAsync(collection, 10);
        await node.SnapshotAsync(collection); // checkpoints, so the shard has a manifest and segment files
        var client = new StorageRead.StorageReadClient(_channel);

        var files = await client.ListFilesAsync(new ListFilesRequest { CollectionName = collection, ShardId = 0 }, ReadOnly());
        var manifest = Assert.Single(files.Files, f => f.Path == "manifest.json");
        Assert.Contains(files.Files, f => f.Path.StartsWith("segments/", StringComparison.Ordinal));
        Assert.True((await client.FileExistsAsync(new FileExistsRequest { CollectionName = collection, Path = "manifest.json" }, ReadOnly())).Exists);
        Assert.Equal(manifest.Size, (await client.FileLengthAsync(new FileLengthRequest { CollectionName = collection, Path = "manifest.json" }, ReadOnly())).Length);
        var whole = (await client.ReadWholeAsync(new ReadWholeRequest { CollectionName = collection, Path = "manifest.json" }, ReadOnly())).Data.ToByteArray();
        Assert.Equal((int)manifest.Size, whole.Length);
        var part = await client.ReadBytesAsync(new ReadBytesRequest { CollectionName = collection, Path = "manifest.json", ByteOffset = 2, Length = 5 }, ReadOnly());
        Assert.Equal(whole[2..7], part.Data.ToByteArray());
        var batch = await client.ReadBatchAsync(new ReadBatchRequest { CollectionName = collection, Path = "manifest.json", Ranges = { new ReadBatchRange { ByteOffset = 0, Length = 3 }, new ReadBatchRange { ByteOffset = 4, Length = 2 } } }, ReadOnly());
        Assert.Equal([whole[..3], whole[4..6]], batch.Data.Select(d => d.ToByteArray()));

        using var stream = client.ReadBytesStream(new ReadBytesStreamRequest { CollectionName = collection, Path = "manifest.json", ByteOffset = 0, Length = manifest.Size }, ReadOnly());
        var streamed = new List<byte>();
        while (await stream.ResponseStream.MoveNext(CancellationToken.None))
        {
            streamed.AddRange(stream.ResponseStream.Current.Data);
        }

        Assert.Equal(whole, streamed.ToArray());
    }

    [Theory]
    [MemberData(nameof(EscapingPaths))]
    public async Task StorageRead_PathOutsideTheShard_IsRefused(string path)
    {
        var collection = SnapshotNodeFixture.UniqueName("escape");
        await node.CreateCollectionAsync(collection, 2);
        var client = new StorageRead.StorageReadClient(_channel);

        var calls = new Func<Task>[]
        {
            () => client.FileExistsAsync(new FileExistsRequest { CollectionName = collection, Path = path }, Admin()).ResponseAsync,
            () => client.ReadWholeAsync(new ReadWholeRequest { CollectionName = collection, Path = path }, Admin()).ResponseAsync,
            () => client.ReadBytesAsync(new ReadBytesRequest { CollectionName = collection, Path = path, Length = 1 }, Admin()).ResponseAsync,
            () => client.FileLengthAsync(new FileLengthRequest { CollectionName = collection, Path = path }, Admin()).ResponseAsync,
        };
        foreach (var call in calls)
        {
            var e = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        }
    }

    [Fact]
    public async Task StorageRead_SymlinkInsideTheShard_IsNotFollowed()
    {
        var collection = SnapshotNodeFixture.UniqueName("symlink");
        await node.CreateCollectionAsync(collection, 2);
        var shardDir = Path.Combine(node.CollectionsPath, collection, "0");
        File.CreateSymbolicLink(Path.Combine(shardDir, "passwd"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(shardDir, "up"), Path.Combine(node.CollectionsPath, collection));
        var client = new StorageRead.StorageReadClient(_channel);

        foreach (var path in new[] { "passwd", "up/config.json", "up/meta.json" })
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => client.ReadWholeAsync(new ReadWholeRequest { CollectionName = collection, Path = path }, Admin()).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        }

        var listed = await client.ListFilesAsync(new ListFilesRequest { CollectionName = collection }, Admin());
        Assert.DoesNotContain(listed.Files, f => f.Path.StartsWith("up", StringComparison.Ordinal) || f.Path == "passwd");
    }

    public void Dispose() => _channel.Dispose();

    private static Metadata Admin() => new() { { "api-key", SnapshotNodeFixture.ApiKey } };

    private static Metadata ReadOnly() => new() { { "api-key", SnapshotNodeFixture.ReadOnlyKey } };
}
