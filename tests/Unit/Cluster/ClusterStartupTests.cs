using Citadel.Node.Cluster;
using Citadel.Node.Configuration;

namespace Citadel.Tests.Unit.Cluster;

/// <summary>How a peer enters its cluster (found / join / restart / --reinit) and every start it refuses.</summary>
public sealed class ClusterStartupTests
{
    private const int PeerPort = 6335;
    private static readonly Uri Self = new("http://node1:6335");
    private static readonly Uri Other = new("http://node2:6335");
    private static readonly ClusterStartup.DiskState Empty = new(null, HasConsensusState: false, LocalCollections: 0, ClusterOwnedCollections: 0);

    [Fact]
    public void FirstStart_WithUriAndNoBootstrap_FoundsWithANewIdentity()
    {
        var plan = Decide(Settings(), new CommandLineOptions { Uri = Self }, Empty, newPeerId: () => 42);

        Assert.Equal(ClusterEntry.Found, plan.Entry);
        Assert.Equal(new PeerIdentity(42, Self), plan.Identity);
        Assert.Null(plan.Bootstrap);
        Assert.False(plan.WipeConsensusState);
        Assert.False(plan.AdoptLocalCollections);
    }

    [Fact]
    public void FirstStart_WithLocalCollections_FoundsAndAdoptsThem()
    {
        var plan = Decide(Settings(), new CommandLineOptions { Uri = Self }, Empty with { LocalCollections = 3 });

        Assert.Equal(ClusterEntry.Found, plan.Entry);
        Assert.True(plan.AdoptLocalCollections);
        Assert.False(plan.WipeConsensusState);
    }

    [Fact]
    public void FirstStart_WithConfiguredPeerId_UsesItInsteadOfDrawingOne()
    {
        var settings = Settings() with { Cluster = Settings().Cluster with { PeerId = 7 } };

        var plan = Decide(settings, new CommandLineOptions { Uri = Self }, Empty, newPeerId: () => throw new InvalidOperationException("must not draw an id"));

        Assert.Equal(7UL, plan.Identity.Id);
    }

    [Fact]
    public void PersistedIdentity_WinsOverConfiguredPeerIdAndIsNotRedrawn()
    {
        var settings = Settings() with { Cluster = Settings().Cluster with { PeerId = 7 } };
        var disk = Empty with { Identity = new PeerIdentity(99, Self), HasConsensusState = true };

        var plan = Decide(settings, new CommandLineOptions { Uri = Self }, disk, newPeerId: () => throw new InvalidOperationException("must not draw an id"));

        Assert.Equal(new PeerIdentity(99, Self), plan.Identity);
    }

    [Fact]
    public void FirstStart_WithoutUri_IsRefusedNamingUri()
    {
        var e = Refused(Settings(), new CommandLineOptions(), Empty);

        Assert.Equal("--uri", e.Key);
        Assert.Contains("--uri", e.Message, StringComparison.Ordinal);
        Assert.Contains("cluster.p2p.port", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstStart_WithBootstrapAndEmptyStorage_Joins()
    {
        var plan = Decide(Settings(), new CommandLineOptions { Uri = Self, Bootstrap = Other }, Empty);

        Assert.Equal(ClusterEntry.Join, plan.Entry);
        Assert.Equal(Other, plan.Bootstrap);
        Assert.Equal(Self, plan.Identity.Uri);
        Assert.False(plan.AdoptLocalCollections);
        Assert.False(plan.WipeConsensusState);
    }

    [Fact]
    public void Joiner_WithLocalCollections_IsRefusedBecauseTheyWouldBeDeleted()
    {
        var e = Refused(Settings(), new CommandLineOptions { Uri = Self, Bootstrap = Other }, Empty with { LocalCollections = 2 });

        Assert.Equal("--bootstrap", e.Key);
        Assert.Contains("2 collection(s)", e.Message, StringComparison.Ordinal);
        Assert.Contains("deleted", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Joiner_WithClusterOwnedCollections_IsRefusedAsAJoinerWithLocalCollections()
    {
        var e = Refused(Settings(), new CommandLineOptions { Uri = Self, Bootstrap = Other }, Empty with { LocalCollections = 1, ClusterOwnedCollections = 1 });

        Assert.Equal("--bootstrap", e.Key);
        Assert.Contains("1 collection(s)", e.Message, StringComparison.Ordinal);
        Assert.Contains("empty storage", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterOwnedCollections_WithoutConsensusState_RefuseToFoundASecondCluster()
    {
        var e = Refused(Settings(), new CommandLineOptions { Uri = Self }, Empty with { LocalCollections = 4, ClusterOwnedCollections = 3 });

        Assert.Equal("--bootstrap", e.Key);
        Assert.Contains("3 collection(s) that a cluster placed", e.Message, StringComparison.Ordinal);
        Assert.Contains("--reinit", e.Message, StringComparison.Ordinal);
        Assert.Contains("raft", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnownPeer_RestartsFromItsStateWithoutUri()
    {
        var known = new PeerIdentity(5, Self);

        var plan = Decide(Settings(), new CommandLineOptions(), Empty with { Identity = known, HasConsensusState = true, LocalCollections = 2, ClusterOwnedCollections = 2 });

        Assert.Equal(ClusterEntry.Restart, plan.Entry);
        Assert.Equal(known, plan.Identity);
        Assert.False(plan.WipeConsensusState);
        Assert.False(plan.AdoptLocalCollections);
    }

    [Fact]
    public void KnownPeer_WithBootstrapAndCollections_RestartsInsteadOfJoiningOrRefusing()
    {
        var known = new PeerIdentity(5, Self);

        var plan = Decide(Settings(), new CommandLineOptions { Uri = Self, Bootstrap = Other }, Empty with { Identity = known, HasConsensusState = true, LocalCollections = 2 });

        Assert.Equal(ClusterEntry.Restart, plan.Entry);
        Assert.False(plan.WipeConsensusState);
        Assert.False(plan.AdoptLocalCollections);
    }

    [Fact]
    public void KnownPeer_WithTheSameUriWrittenDifferently_IsAccepted()
    {
        var known = new PeerIdentity(5, new Uri("http://node1:6335/"));

        var plan = Decide(Settings(), new CommandLineOptions { Uri = new Uri("HTTP://NODE1:6335") }, Empty with { Identity = known, HasConsensusState = true });

        Assert.Equal(ClusterEntry.Restart, plan.Entry);
        Assert.Equal(known, plan.Identity);
    }

    [Fact]
    public void KnownPeer_WithAChangedUri_IsRefusedNamingBothAddresses()
    {
        var known = new PeerIdentity(5, Self);

        var e = Refused(Settings(), new CommandLineOptions { Uri = new Uri("http://node9:6335") }, Empty with { Identity = known, HasConsensusState = true });

        Assert.Equal("--uri", e.Key);
        Assert.Contains("http://node1:6335/", e.Message, StringComparison.Ordinal);
        Assert.Contains("http://node9:6335/", e.Message, StringComparison.Ordinal);
        Assert.Contains("id 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangedUri_IsRefusedEvenWithReinit()
    {
        var known = new PeerIdentity(5, Self);

        var e = Refused(Settings(), new CommandLineOptions { Uri = new Uri("http://node9:6335"), Reinit = true, Bootstrap = Other }, Empty with { Identity = known });

        Assert.Equal("--uri", e.Key);
    }

    [Fact]
    public void Reinit_WithoutBootstrap_FoundsANewClusterKeepingIdAndCollections()
    {
        var known = new PeerIdentity(5, Self);
        var disk = new ClusterStartup.DiskState(known, HasConsensusState: true, LocalCollections: 3, ClusterOwnedCollections: 3);

        var plan = Decide(Settings(), new CommandLineOptions { Reinit = true }, disk, newPeerId: () => throw new InvalidOperationException("must keep the id"));

        Assert.Equal(ClusterEntry.Found, plan.Entry);
        Assert.Equal(known, plan.Identity);
        Assert.True(plan.WipeConsensusState);
        Assert.True(plan.AdoptLocalCollections);
        Assert.Null(plan.Bootstrap);
    }

    [Fact]
    public void Reinit_WithBootstrap_RejoinsEvenWithLocalCollections()
    {
        var known = new PeerIdentity(5, Self);
        var disk = new ClusterStartup.DiskState(known, HasConsensusState: true, LocalCollections: 3, ClusterOwnedCollections: 1);

        var plan = Decide(Settings(), new CommandLineOptions { Reinit = true, Bootstrap = Other }, disk);

        Assert.Equal(ClusterEntry.Join, plan.Entry);
        Assert.Equal(Other, plan.Bootstrap);
        Assert.Equal(known, plan.Identity);
        Assert.True(plan.WipeConsensusState);
        Assert.False(plan.AdoptLocalCollections);
    }

    [Fact]
    public void Reinit_OnAFreshNode_StillNeedsUri()
    {
        var e = Refused(Settings(), new CommandLineOptions { Reinit = true }, Empty);

        Assert.Equal("--uri", e.Key);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("::")]
    [InlineData("node1.example")]
    public void NonLoopbackHost_WithoutPeerTls_IsRefusedNamingEnableTlsAndTheWayOut(string host)
    {
        var e = Refused(Settings(host: host), new CommandLineOptions { Uri = Self }, Empty);

        Assert.Equal("cluster.p2p.enable_tls", e.Key);
        Assert.Contains($"`{host}`", e.Message, StringComparison.Ordinal);
        Assert.Contains("cluster.p2p.allow_insecure", e.Message, StringComparison.Ordinal);
        Assert.Contains("tls.ca_cert", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonLoopbackHost_WithAllowInsecure_Starts()
    {
        var plan = Decide(Settings(host: "0.0.0.0", allowInsecure: true), new CommandLineOptions { Uri = Self }, Empty);

        Assert.Equal(ClusterEntry.Found, plan.Entry);
    }

    [Fact]
    public void NonLoopbackHost_WithPeerTls_Starts()
    {
        var plan = Decide(Settings(host: "0.0.0.0", tls: true), new CommandLineOptions { Uri = new Uri("https://node1:6335") }, Empty);

        Assert.Equal(ClusterEntry.Found, plan.Entry);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("localhost")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    public void LoopbackHost_WithoutPeerTls_Starts(string host)
    {
        var plan = Decide(Settings(host: host), new CommandLineOptions { Uri = Self }, Empty);

        Assert.Equal(ClusterEntry.Found, plan.Entry);
    }

    [Fact]
    public void HttpUri_WithPeerTls_IsRefusedNamingUriAndHttps()
    {
        var e = Refused(Settings(tls: true), new CommandLineOptions { Uri = Self }, Empty);

        Assert.Equal("--uri", e.Key);
        Assert.Contains("https://", e.Message, StringComparison.Ordinal);
        Assert.Contains("`cluster.p2p.enable_tls` is true", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpsUri_WithoutPeerTls_IsRefusedNamingUriAndHttp()
    {
        var e = Refused(Settings(), new CommandLineOptions { Uri = new Uri("https://node1:6335") }, Empty);

        Assert.Equal("--uri", e.Key);
        Assert.Contains("must use http://", e.Message, StringComparison.Ordinal);
        Assert.Contains("`cluster.p2p.enable_tls` is false", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpBootstrap_WithPeerTls_IsRefusedNamingBootstrap()
    {
        var e = Refused(Settings(tls: true), new CommandLineOptions { Uri = new Uri("https://node1:6335"), Bootstrap = Other }, Empty);

        Assert.Equal("--bootstrap", e.Key);
        Assert.Contains("--bootstrap", e.Message, StringComparison.Ordinal);
        Assert.Contains("https://", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpsBootstrap_WithoutPeerTls_IsRefusedNamingBootstrap()
    {
        var e = Refused(Settings(), new CommandLineOptions { Uri = Self, Bootstrap = new Uri("https://node2:6335") }, Empty);

        Assert.Equal("--bootstrap", e.Key);
        Assert.Contains("must use http://", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemeMismatch_IsRefusedEvenForAKnownPeer()
    {
        var disk = Empty with { Identity = new PeerIdentity(5, Self), HasConsensusState = true };

        var e = Refused(Settings(tls: true), new CommandLineOptions { Bootstrap = Other }, disk);

        Assert.Equal("--bootstrap", e.Key);
    }

    [Fact]
    public void UriPort_DifferentFromPeerPort_IsRefusedNamingThePortKey()
    {
        var e = Refused(Settings(), new CommandLineOptions { Uri = new Uri("http://node1:7000") }, Empty);

        Assert.Equal("cluster.p2p.port", e.Key);
        Assert.Contains("port 7000", e.Message, StringComparison.Ordinal);
        Assert.Contains($"`cluster.p2p.port` = {PeerPort}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UriWithoutPort_UsesTheSchemeDefaultAndIsRefusedUnlessThatIsThePeerPort()
    {
        var e = Refused(Settings(), new CommandLineOptions { Uri = new Uri("http://node1") }, Empty);
        Assert.Equal("cluster.p2p.port", e.Key);

        var settings = Settings() with { Cluster = Settings().Cluster with { P2p = Settings().Cluster.P2p with { Port = 80 } } };
        Assert.Equal(ClusterEntry.Found, Decide(settings, new CommandLineOptions { Uri = new Uri("http://node1") }, Empty).Entry);
    }

    private static NodeSettings Settings(string host = "127.0.0.1", bool tls = false, bool allowInsecure = false) => new()
    {
        Service = new ServiceSettings { Host = host },
        Cluster = new ClusterSettings
        {
            Enabled = true,
            P2p = new P2pSettings { Port = PeerPort, EnableTls = tls, AllowInsecure = allowInsecure },
        },
    };

    private static ClusterPlan Decide(NodeSettings settings, CommandLineOptions cli, ClusterStartup.DiskState disk, Func<ulong>? newPeerId = null) =>
        ClusterStartup.Decide(settings, cli, disk, newPeerId ?? (() => 1234));

    private static ConfigurationException Refused(NodeSettings settings, CommandLineOptions cli, ClusterStartup.DiskState disk) =>
        Assert.Throws<ConfigurationException>(() => ClusterStartup.Decide(settings, cli, disk, () => 1234));
}
