using System.Text.Json;
using Citadel.Grpc;
using Citadel.Tests.Chaos.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Citadel.Tests.Chaos;

/// <summary>
/// Three peers over mutual TLS: metadata changed on a follower is visible on every peer; points written through any
/// peer (REST or gRPC) are read through any other; the first peer's access decision travels with a forwarded call;
/// <c>POST /audit/logs</c> on one peer merges every peer's entries and names a stopped peer as missing.
/// </summary>
public sealed class AnyNodeServesAnyRequestTests
{
    [Fact]
    public async Task ThreePeers_ServeEveryRequestOnEveryPeer_AndMergeTheirAuditTrails()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var leader = await cluster.WaitForAgreementAsync(TimeSpan.FromSeconds(10));
        var views = await Task.WhenAll(cluster.Peers.Select(p => p.ClusterAsync()));
        Assert.All(views, v => Assert.Equal(3, v.Peers.Count));
        Assert.All(views, v => Assert.All(v.Peers.Values, uri => Assert.StartsWith("https://127.0.0.1:", uri, StringComparison.Ordinal)));
        Assert.Single(views, v => v.Role == "Leader");

        // Every peer reported fingerprints of the keys it loaded (the same keys here); only manage access sees them.
        using (var status = await leader.GetJsonAsync("/cluster"))
        {
            var fingerprints = status.RootElement.GetProperty("result").GetProperty("peers").EnumerateObject()
                .Select(p => p.Value.GetProperty("key_fingerprints").GetProperty("api_key").GetString()).Distinct().ToList();
            Assert.Single(fingerprints);
            Assert.DoesNotContain(TestCluster.AdminKey, status.RootElement.GetRawText(), StringComparison.Ordinal);
        }

        var (readStatus, readBody) = await leader.SendRawAsync(HttpMethod.Get, "/cluster", apiKey: TestCluster.ReadOnlyKey);
        Assert.Equal(200, readStatus);
        Assert.DoesNotContain("key_fingerprints", readBody, StringComparison.Ordinal);

        // Metadata through a follower: every peer lists the collection when the create returns.
        var follower = cluster.Peers.First(p => p != leader);
        using (var created = await follower.SendJsonAsync(HttpMethod.Put, "/collections/everywhere", """{"vectors": {"size": 4, "distance": "Dot"}}""", Trace("create")))
        {
            Assert.True(created.RootElement.GetProperty("result").GetBoolean());
        }

        foreach (var peer in cluster.Peers)
        {
            using var list = await peer.GetJsonAsync("/collections");
            Assert.Contains("everywhere", list.RootElement.GetProperty("result").GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        }

        // Writes through every peer over REST, reads through every peer.
        for (var i = 0; i < cluster.Peers.Count; i++)
        {
            var body = $$$"""{"points": [{"id": {{{i + 1}}}, "vector": [{{{i + 1}}}, 0, 0, 0], "payload": {"written_by": "{{{cluster.Peers[i].Name}}}"}}]}""";
            using var _ = await cluster.Peers[i].SendJsonAsync(HttpMethod.Put, "/collections/everywhere/points?wait=true", body, Trace($"write-{i}"));
        }

        foreach (var peer in cluster.Peers)
        {
            using var count = await peer.SendJsonAsync(HttpMethod.Post, "/collections/everywhere/points/count", """{"exact": true}""");
            Assert.Equal(3, count.RootElement.GetProperty("result").GetProperty("count").GetInt32());
            using var top = await peer.SendJsonAsync(HttpMethod.Post, "/collections/everywhere/points/query", """{"query": [1, 0, 0, 0], "limit": 1, "with_payload": true}""");
            var best = top.RootElement.GetProperty("result").GetProperty("points")[0];
            Assert.Equal(3, best.GetProperty("id").GetInt32());
            Assert.Equal("node3", best.GetProperty("payload").GetProperty("written_by").GetString());
        }

        // gRPC: written through one peer, read through another, whichever holds the shard.
        using (var writer = Channel(cluster.Peers[0]))
        using (var reader = Channel(cluster.Peers[2]))
        {
            var upsert = new UpsertPoints { CollectionName = "everywhere", Wait = true };
            upsert.Points.Add(new PointStruct { Id = new PointId { Num = 10 }, Vectors = new Vectors { Vector = new Vector { Dense = new DenseVector { Data = { 0, 0, 0, 10 } } } } });
            await new Points.PointsClient(writer).UpsertAsync(upsert, Admin());
            var got = await new Points.PointsClient(reader).GetAsync(new GetPoints { CollectionName = "everywhere", Ids = { new PointId { Num = 10 } } }, Admin());
            Assert.Equal(10UL, Assert.Single(got.Result).Id.Num);

            // The read-only key is refused a write on the first peer, before anything is forwarded.
            var denied = await Assert.ThrowsAsync<RpcException>(() => new Points.PointsClient(writer).UpsertAsync(upsert, ReadOnly()).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        }

        // REST auth is decided on the receiving peer, whoever holds the shard.
        foreach (var peer in cluster.Peers)
        {
            Assert.Equal(401, (await peer.SendRawAsync(HttpMethod.Post, "/collections/everywhere/points/count", "{}", apiKey: null)).Status);
            Assert.Equal(403, (await peer.SendRawAsync(HttpMethod.Put, "/collections/everywhere/points?wait=true", """{"points": [{"id": 99, "vector": [1, 1, 1, 1]}]}""", TestCluster.ReadOnlyKey)).Status);
            Assert.Equal(200, (await peer.SendRawAsync(HttpMethod.Post, "/collections/everywhere/points/count", "{}", TestCluster.ReadOnlyKey)).Status);
        }

        // The audit query on one peer holds the entries every peer wrote, newest first.
        using (var audit = await cluster.Peers[0].SendJsonAsync(HttpMethod.Post, "/audit/logs?timeout=10", """{"limit": 1000}"""))
        {
            var result = audit.RootElement.GetProperty("result");
            var traced = Entries(result).Where(e => e.TryGetProperty("tracing_id", out _)).Select(e => e.GetProperty("tracing_id").GetString()).ToHashSet();
            Assert.Superset(new HashSet<string?> { "chaos-create", "chaos-write-0", "chaos-write-1", "chaos-write-2" }, traced);
            var times = Entries(result).Select(e => e.GetProperty("timestamp").GetDateTimeOffset()).ToList();
            Assert.Equal(times.OrderDescending(), times);
            Assert.Empty(result.GetProperty("missing_peers").EnumerateArray());
        }

        using (var limited = await cluster.Peers[1].SendJsonAsync(HttpMethod.Post, "/audit/logs", """{"limit": 2}"""))
        {
            Assert.Equal(2, Entries(limited.RootElement.GetProperty("result")).Count);
        }

        // A stopped peer is named as missing; the others still answer.
        var stopped = cluster.Peers[2];
        var stoppedId = (await stopped.ClusterAsync()).PeerId;
        await stopped.StopAsync();
        using (var partial = await cluster.Peers[0].SendJsonAsync(HttpMethod.Post, "/audit/logs?timeout=2", """{"limit": 1000}"""))
        {
            var result = partial.RootElement.GetProperty("result");
            var missing = Assert.Single(result.GetProperty("missing_peers").EnumerateArray());
            Assert.Equal(stoppedId, missing.GetProperty("peer_id").GetUInt64());
            Assert.NotEmpty(Entries(result));
        }

        // The failed call opened an issue naming the peer.
        using var issues = await cluster.Peers[0].GetJsonAsync("/issues");
        var codes = issues.RootElement.GetProperty("result").GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString());
        Assert.Contains($"PEER_UNREACHABLE,{stoppedId}", codes);
    }

    private static List<JsonElement> Entries(JsonElement result) => [.. result.GetProperty("entries").EnumerateArray()];

    private static Dictionary<string, string> Trace(string id) => new() { ["x-request-id"] = "chaos-" + id };

    private static GrpcChannel Channel(ClusterPeer peer) => GrpcChannel.ForAddress($"http://127.0.0.1:{peer.Process.GrpcPort}");

    private static Metadata Admin() => new() { { "api-key", TestCluster.AdminKey } };

    private static Metadata ReadOnly() => new() { { "api-key", TestCluster.ReadOnlyKey } };
}
