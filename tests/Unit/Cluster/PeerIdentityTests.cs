using Citadel.Node.Cluster;
using Citadel.Node.Configuration;

namespace Citadel.Tests.Unit.Cluster;

/// <summary>The peer identity kept in <c>{storage}/raft/peer.json</c> across restarts.</summary>
public sealed class PeerIdentityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("citadel-peer-id-").FullName;

    private string RaftDirectory => Path.Combine(_dir, "raft");

    [Fact]
    public void Load_OnAFirstStart_IsNull()
    {
        Assert.Null(PeerIdentity.Load(RaftDirectory));
    }

    [Fact]
    public void Save_ThenLoad_GivesTheSameIdAndCanonicalUri()
    {
        new PeerIdentity(9007199254740991, new Uri("HTTPS://Node1.Example:6335")).Save(RaftDirectory);

        var loaded = PeerIdentity.Load(RaftDirectory);

        Assert.NotNull(loaded);
        Assert.Equal(9007199254740991UL, loaded.Id);
        Assert.Equal("https://node1.example:6335/", loaded.CanonicalUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"peer_id\":1}")]
    [InlineData("{\"uri\":\"http://node1:6335/\"}")]
    [InlineData("{\"peer_id\":-1,\"uri\":\"http://node1:6335/\"}")]
    [InlineData("{\"peer_id\":\"1\",\"uri\":\"http://node1:6335/\"}")]
    [InlineData("{\"peer_id\":1,\"uri\":null}")]
    [InlineData("{\"peer_id\":1,\"uri\":\"node1:6335\"}")]
    [InlineData("{\"peer_id\":1,\"uri\":\"http://node1:6335/raft\"}")]
    public void Load_ADamagedFile_RefusesToStartNamingTheFile(string content)
    {
        Directory.CreateDirectory(RaftDirectory);
        var path = Path.Combine(RaftDirectory, "peer.json");
        File.WriteAllText(path, content);

        var e = Assert.Throws<ConfigurationException>(() => PeerIdentity.Load(RaftDirectory));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DamagedFile_TheAdviceInTheMessageLeadsToARejoin()
    {
        Directory.CreateDirectory(RaftDirectory);
        var path = Path.Combine(RaftDirectory, "peer.json");
        File.WriteAllText(path, "{");
        var e = Assert.Throws<ConfigurationException>(() => PeerIdentity.Load(RaftDirectory));
        Assert.Contains("remove it", e.Message, StringComparison.Ordinal);
        Assert.Contains("--reinit", e.Message, StringComparison.Ordinal);
        Assert.Contains("--bootstrap", e.Message, StringComparison.Ordinal);
        Assert.Contains("--uri", e.Message, StringComparison.Ordinal);

        // Following it: the file is removed and the peer starts with --uri, --reinit and --bootstrap.
        File.Delete(path);
        var cli = new CommandLineOptions { Uri = new Uri("http://node1:6335"), Bootstrap = new Uri("http://node2:6335"), Reinit = true };
        var disk = new ClusterStartup.DiskState(PeerIdentity.Load(RaftDirectory), HasConsensusState: true, LocalCollections: 2, ClusterOwnedCollections: 2);
        var plan = ClusterStartup.Decide(new NodeSettings { Cluster = new ClusterSettings { Enabled = true } }, cli, disk, () => 77);

        Assert.Equal(ClusterEntry.Join, plan.Entry);
        Assert.Equal(77UL, plan.Identity.Id);
        Assert.True(plan.WipeConsensusState);
    }

    [Fact]
    public void NewId_IsAPeerIdThatJoinsAccept()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => PeerIdentity.NewId()).ToList();

        // MembershipService and cluster.peer_id accept 1 … 2^53−1.
        Assert.All(ids, id => Assert.InRange(id, 1UL, (1UL << 53) - 1));
        Assert.True(ids.Distinct().Count() > 1990);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
