using System.Net;
using System.Security.Cryptography;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Snapshots;

/// <summary>Backup and restore through REST: collection, shard and full snapshots.</summary>
[Collection(SnapshotNodeCollection.Name)]
public sealed class SnapshotRoundTripTests(SnapshotNodeFixture node)
{
    [Fact]
    public async Task CollectionSnapshot_CreateDownloadDeleteUpload_RestoresIdenticalPoints_ThroughTheOfficialJsClient()
    {
        // The JS scenario talks to the node without a key: give it a node of its own with the same snapshot settings.
        await using var open = await NodeProcess.StartAsync();
        await JsRunner.RunAsync("snapshot-scenario.mjs", ["--port", open.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--snapshots-dir", Path.Combine(open.WorkingDirectory, "snapshots")], open);
    }

    [Fact]
    public async Task Snapshot_TakenWhileWritesRun_RestoresAConsistentState_AndWritesAreNotBlocked()
    {
        var collection = SnapshotNodeFixture.UniqueName("busy");
        await node.CreateCollectionAsync(collection, 200);
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            for (var id = 1000; !stop.IsCancellationRequested; id++)
            {
                await node.OkAsync(HttpMethod.Put, $"/collections/{collection}/points?wait=true", $$$"""{"points":[{"id":{{{id}}},"vector":[1,2,3],"payload":{"w":{{{id}}}}}]}""");
                Interlocked.Increment(ref written);
            }
        });

        var (name, checksum) = await node.SnapshotAsync(collection);
        var writesDuringSnapshot = Volatile.Read(ref written);
        await Task.Delay(200);
        await stop.CancelAsync();
        await writer;

        Assert.True(Volatile.Read(ref written) > writesDuringSnapshot, "writes continue after the snapshot");
        var target = SnapshotNodeFixture.UniqueName("busy_restored");
        await node.OkAsync(HttpMethod.Put, $"/collections/{target}/snapshots/recover", $$"""{"location":"file://{{node.SnapshotsPath}}/{{collection}}/{{name}}","checksum":"{{checksum}}"}""");
        var restored = await node.OkAsync(HttpMethod.Post, $"/collections/{target}/points/count", """{"exact":true}""");
        Assert.InRange(restored.GetProperty("count").GetInt32(), 200, 200 + Volatile.Read(ref written));
    }

    [Fact]
    public async Task RecoverOverAnExistingCollection_ReplacesItsPoints()
    {
        var collection = SnapshotNodeFixture.UniqueName("replace");
        await node.CreateCollectionAsync(collection, 20);
        var expected = await node.PointsAsync(collection);
        var (name, _) = await node.SnapshotAsync(collection);
        await node.OkAsync(HttpMethod.Put, $"/collections/{collection}/points?wait=true", """{"points":[{"id":999,"vector":[0,0,1]}]}""");

        await node.OkAsync(HttpMethod.Put, $"/collections/{collection}/snapshots/recover", $$"""{"location":"file://{{node.SnapshotsPath}}/{{collection}}/{{name}}","priority":"snapshot"}""");

        Assert.Equal(expected, await node.PointsAsync(collection));
    }

    [Fact]
    public async Task ShardSnapshot_StreamedAndUploaded_RestoresThatShard()
    {
        var collection = SnapshotNodeFixture.UniqueName("shard");
        await node.CreateCollectionAsync(collection, 60);
        var expected = await node.PointsAsync(collection);
        var created = await node.OkAsync(HttpMethod.Post, $"/collections/{collection}/shards/0/snapshots");
        var name = created.GetProperty("name").GetString()!;
        var listed = await node.OkAsync(HttpMethod.Get, $"/collections/{collection}/shards/0/snapshots");
        Assert.Equal(name, Assert.Single(listed.EnumerateArray()).GetProperty("name").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/collections/{collection}/shards/1/snapshot");
        request.Headers.Add("api-key", SnapshotNodeFixture.ApiKey);
        using var response = await node.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var streamed = await response.Content.ReadAsByteArrayAsync();

        await node.OkAsync(HttpMethod.Post, $"/collections/{collection}/points/delete?wait=true", $$"""{"points":[{{string.Join(',', Enumerable.Range(1, 60))}}]}""");
        var (status, body) = await node.UploadAsync($"/collections/{collection}/shards/1/snapshots/upload", streamed);
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body}");
        await node.OkAsync(HttpMethod.Put, $"/collections/{collection}/shards/0/snapshots/recover", $$"""{"location":"file://{{node.SnapshotsPath}}/{{collection}}/shards/0/{{name}}"}""");

        // Shard 1 from the streamed snapshot, shard 0 from the stored one: every point is back.
        var restored = await node.PointsAsync(collection);
        Assert.Equal(expected, restored);

        var (wrongKind, wrongBody) = await node.UploadAsync($"/collections/{collection}/snapshots/upload", streamed);
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind);
        Assert.Contains("not a collection snapshot", wrongBody, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Delete, $"/collections/{collection}/shards/0/snapshots/{name}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Get, $"/collections/{collection}/shards/7/snapshots")).Status);
    }

    [Fact]
    public async Task FullSnapshot_CreateListDownloadDelete()
    {
        var collection = SnapshotNodeFixture.UniqueName("full");
        await node.CreateCollectionAsync(collection, 5);

        var created = await node.OkAsync(HttpMethod.Post, "/snapshots");
        var name = created.GetProperty("name").GetString()!;
        Assert.StartsWith("full-snapshot-", name, StringComparison.Ordinal);
        var listed = await node.OkAsync(HttpMethod.Get, "/snapshots");
        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("name").GetString() == name);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/snapshots/{name}");
        request.Headers.Add("api-key", SnapshotNodeFixture.ApiKey);
        using var response = await node.Http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(created.GetProperty("checksum").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));

        Assert.True((await node.OkAsync(HttpMethod.Delete, $"/snapshots/{name}")).GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Get, $"/snapshots/{name}")).Status);
    }

    [Fact]
    public async Task CreateWithWaitFalse_Answers202Accepted_AndTheSnapshotAppears()
    {
        var collection = SnapshotNodeFixture.UniqueName("async");
        await node.CreateCollectionAsync(collection, 5);

        var (status, body) = await node.SendAsync(HttpMethod.Post, $"/collections/{collection}/snapshots?wait=false");

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Contains("\"status\":\"accepted\"", body, StringComparison.Ordinal);
        for (var i = 0; i < 100 && (await node.OkAsync(HttpMethod.Get, $"/collections/{collection}/snapshots")).GetArrayLength() == 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, (await node.OkAsync(HttpMethod.Get, $"/collections/{collection}/snapshots")).GetArrayLength());
    }
}
