using System.Diagnostics;
using Citadel.Tests.Chaos.Infrastructure;

namespace Citadel.Tests.Chaos;

/// <summary>
/// Leader loss and catch-up: after <c>kill -9</c> of the leader the others elect a new one within 2 s and keep
/// accepting metadata changes; the killed peer restarts from its own state (no <c>--bootstrap</c>) and catches up; a
/// follower that missed more entries than the log keeps is brought back by a snapshot (the livelock regression).
/// </summary>
public sealed class LeaderLossTests
{
    [Fact]
    public async Task KillingTheLeader_ElectsANewLeaderWithinTwoSeconds_AndTheRestartedPeerCatchesUp()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var leader = await cluster.WaitForAgreementAsync(TimeSpan.FromSeconds(10));
        var oldLeaderId = (await leader.ClusterAsync()).PeerId;
        using (var _ = await leader.SendJsonAsync(HttpMethod.Put, "/collections/before", """{"vectors": {"size": 2, "distance": "Dot"}}""")) { }

        var clock = Stopwatch.StartNew();
        leader.Kill();
        var successor = await cluster.WaitForAgreementAsync(TimeSpan.FromSeconds(10), notLeader: oldLeaderId);
        var failover = clock.Elapsed;
        Assert.True(failover < TimeSpan.FromSeconds(2), $"a new leader took {failover.TotalMilliseconds:0} ms");

        // The survivors keep a majority: metadata changes go on, from the new leader and from a follower.
        using (var _ = await successor.SendJsonAsync(HttpMethod.Put, "/collections/after", """{"vectors": {"size": 2, "distance": "Dot"}}""")) { }
        var follower = cluster.Running.First(p => p != successor);
        using (var _ = await follower.SendJsonAsync(HttpMethod.Post, "/collections/aliases", """{"actions": [{"create_alias": {"collection_name": "after", "alias_name": "latest"}}]}""")) { }

        // Restarted without --bootstrap, the old leader rejoins from its own state and sees everything.
        await leader.StartAsync();
        await cluster.WaitForAgreementAsync(TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(async () =>
        {
            using var list = await leader.GetJsonAsync("/collections");
            var names = list.RootElement.GetProperty("result").GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
            using var aliases = await leader.GetJsonAsync("/aliases");
            var alias = aliases.RootElement.GetProperty("result").GetProperty("aliases").EnumerateArray().Select(a => a.GetProperty("alias_name").GetString()).ToList();
            return names.Contains("before") && names.Contains("after") && alias.Contains("latest");
        });
        Assert.Equal(oldLeaderId, (await leader.ClusterAsync()).PeerId);
    }

    [Fact]
    public async Task AFollowerThatMissedACompactedLog_CatchesUpThroughASnapshot()
    {
        // A tiny log: the entries the follower misses are compacted away, so only a snapshot can bring it back.
        await using var cluster = await TestCluster.StartAsync(3, new Dictionary<string, string> { ["QDRANT__CLUSTER__CONSENSUS__COMPACT_WAL_ENTRIES"] = "4" });
        var leader = await cluster.WaitForAgreementAsync(TimeSpan.FromSeconds(10));
        var lagging = cluster.Peers.First(p => p != leader);
        await lagging.StopAsync();

        for (var i = 0; i < 24; i++)
        {
            using var _ = await leader.SendJsonAsync(HttpMethod.Put, $"/collections/while_away_{i}", """{"vectors": {"size": 2, "distance": "Dot"}}""");
        }

        using (var _ = await leader.SendJsonAsync(HttpMethod.Delete, "/collections/while_away_0")) { }

        await lagging.StartAsync();
        await Eventually.HoldsAsync(async () =>
        {
            using var list = await lagging.GetJsonAsync("/collections");
            var names = list.RootElement.GetProperty("result").GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToHashSet();
            return names.Count == 23 && !names.Contains("while_away_0") && names.Contains("while_away_23");
        });

        // And it takes part again: a change made through it is seen by the others.
        using (var _ = await lagging.SendJsonAsync(HttpMethod.Put, "/collections/from_lagging", """{"vectors": {"size": 2, "distance": "Dot"}}""")) { }
        using var seen = await leader.GetJsonAsync("/collections/from_lagging/exists");
        Assert.True(seen.RootElement.GetProperty("result").GetProperty("exists").GetBoolean());
    }
}
