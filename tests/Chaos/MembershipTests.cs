using System.Text.Json;
using Citadel.Tests.Chaos.Infrastructure;

namespace Citadel.Tests.Chaos;

/// <summary>
/// Membership changes through the cluster API: a fourth peer joins through any member; a peer holding a collection
/// cannot be removed without <c>force</c>; a peer and then the origin peer (Qdrant issue #5138) are removed, and a new
/// peer still joins through a remaining member.
/// </summary>
public sealed class MembershipTests
{
    [Fact]
    public async Task PeersJoinAndLeave_IncludingTheOriginPeer_AndTheClusterKeepsWorking()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var (origin, second, third) = (cluster.Peers[0], cluster.Peers[1], cluster.Peers[2]);

        var fourth = await cluster.AddPeerAsync(bootstrap: second);
        await cluster.WaitForAgreementAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, (await origin.ClusterAsync()).Peers.Count);

        // A peer that holds a collection is kept unless forced.
        using (var _ = await fourth.SendJsonAsync(HttpMethod.Put, "/collections/held", """{"vectors": {"size": 2, "distance": "Dot"}}""")) { }
        using var info = await origin.GetJsonAsync("/collections/held/cluster");
        var holder = HolderOf(info.RootElement.GetProperty("result"));
        var (status, body) = await origin.SendRawAsync(HttpMethod.Delete, $"/cluster/peer/{holder}");
        Assert.Equal(400, status);
        Assert.Contains($"Cannot remove peer {holder} as there are shards on it", body, StringComparison.Ordinal);
        using (var _ = await origin.SendJsonAsync(HttpMethod.Delete, "/collections/held")) { }

        // A stopped peer's failed calls open PEER_UNREACHABLE; removing the peer (through the origin) solves it.
        var thirdId = (await third.ClusterAsync()).PeerId;
        await third.StopAsync();
        using (var _ = await second.SendJsonAsync(HttpMethod.Post, "/audit/logs?timeout=1", """{"limit": 1}""")) { }
        Assert.Contains($"PEER_UNREACHABLE,{thirdId}", await IssueCodesAsync(second));
        using (var removed = await origin.SendJsonAsync(HttpMethod.Delete, $"/cluster/peer/{thirdId}"))
        {
            Assert.True(removed.RootElement.GetProperty("result").GetBoolean());
        }

        await Eventually.HoldsAsync(async () => !(await IssueCodesAsync(second)).Contains($"PEER_UNREACHABLE,{thirdId}"));

        // Then the origin, through the second.
        var originId = (await origin.ClusterAsync()).PeerId;
        using (var removed = await second.SendJsonAsync(HttpMethod.Delete, $"/cluster/peer/{originId}"))
        {
            Assert.True(removed.RootElement.GetProperty("result").GetBoolean());
        }

        await origin.StopAsync();
        await cluster.WaitForAgreementAsync(TimeSpan.FromSeconds(30));
        var view = await second.ClusterAsync();
        Assert.Equal(2, view.Peers.Count);
        Assert.DoesNotContain(originId, view.Peers.Keys);
        Assert.DoesNotContain(thirdId, view.Peers.Keys);

        // A new peer joins the remaining two, and metadata changes reach everyone.
        var fifth = await cluster.AddPeerAsync(bootstrap: fourth);
        await cluster.WaitForAgreementAsync(TimeSpan.FromSeconds(30));
        using (var _ = await fifth.SendJsonAsync(HttpMethod.Put, "/collections/after_changes", """{"vectors": {"size": 2, "distance": "Dot"}}""")) { }
        foreach (var peer in new[] { second, fourth, fifth })
        {
            Assert.Equal(3, (await peer.ClusterAsync()).Peers.Count);
            using var exists = await peer.GetJsonAsync("/collections/after_changes/exists");
            Assert.True(exists.RootElement.GetProperty("result").GetProperty("exists").GetBoolean());
        }

        // Unknown and malformed peer ids are 404s, not 500s.
        Assert.Equal(404, (await second.SendRawAsync(HttpMethod.Delete, "/cluster/peer/12345")).Status);
        Assert.Equal(404, (await second.SendRawAsync(HttpMethod.Delete, "/cluster/peer/not-a-number")).Status);
    }

    private static async Task<List<string>> IssueCodesAsync(ClusterPeer peer)
    {
        using var issues = await peer.GetJsonAsync("/issues");
        return [.. issues.RootElement.GetProperty("result").GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString()!)];
    }

    private static ulong HolderOf(JsonElement info)
    {
        if (info.GetProperty("local_shards").GetArrayLength() > 0)
        {
            return info.GetProperty("peer_id").GetUInt64();
        }

        return info.GetProperty("remote_shards")[0].GetProperty("peer_id").GetUInt64();
    }
}
