using System.Net;
using Citadel.Consensus.Membership;

namespace Citadel.Tests.Unit.Consensus;

/// <summary>Peer URIs from untrusted input, their canonical text and the Raft endpoints derived from them.</summary>
public sealed class PeerEndPointsTests
{
    [Theory]
    [InlineData("http://node1:6335")]
    [InlineData("https://node1:6335")]
    [InlineData("https://node1:6335/")]
    [InlineData("HTTPS://Node1.Example:6335")]
    [InlineData("http://10.0.0.7:6335")]
    [InlineData("http://[::1]:6335")]
    [InlineData("https://node1")]
    [InlineData("http://node1:65535")]
    public void TryParse_AcceptsAbsoluteHttpAndHttpsPeerUris(string text)
    {
        var uri = PeerEndPoints.TryParse(text);

        Assert.NotNull(uri);
        Assert.True(uri.IsAbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("node1:6335")]
    [InlineData("node1")]
    [InlineData("//node1:6335")]
    [InlineData("/relative/path")]
    [InlineData("ftp://node1:6335")]
    [InlineData("file:///etc/passwd")]
    [InlineData("file://node1/share")]
    [InlineData("ws://node1:6335")]
    [InlineData("unix:/var/run/peer.sock")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://node1:6335/path")]
    [InlineData("http://node1:6335/raft/")]
    [InlineData("http://node1:6335\\evil")]
    [InlineData("http://node1:6335?x=1")]
    [InlineData("http://node1:6335/?x=1")]
    [InlineData("http://node1:6335#frag")]
    [InlineData("http://user@node1:6335")]
    [InlineData("http://user:secret@node1:6335")]
    [InlineData("http://node1:65536")]
    [InlineData("http://node1:99999")]
    [InlineData("http://node1:-1")]
    [InlineData("http://node1:0")]
    [InlineData("http://node1:abc")]
    [InlineData("http://:6335")]
    [InlineData("http://")]
    [InlineData("http://[::1:6335")]
    public void TryParse_RejectsEverythingButABarePeerUri(string? text)
    {
        Assert.Null(PeerEndPoints.TryParse(text));
    }

    [Fact]
    public void TryParse_RejectsOverlongInput()
    {
        var text = "http://" + new string('a', 60) + "." + string.Join('.', Enumerable.Repeat(new string('b', 60), 8)) + ":6335";
        Assert.True(text.Length > 512);

        Assert.Null(PeerEndPoints.TryParse(text));
    }

    [Theory]
    [InlineData("http://node1:6335", "http://node1:6335/")]
    [InlineData("HTTPS://NODE1.Example:6335/", "https://node1.example:6335/")]
    [InlineData("http://10.0.0.7:6335", "http://10.0.0.7:6335/")]
    [InlineData("https://bücher.example:6335", "https://xn--bcher-kva.example:6335/")]
    public void Canonical_IsSchemeLowerCaseHostPortAndTrailingSlash(string text, string canonical)
    {
        Assert.Equal(canonical, PeerEndPoints.Canonical(new Uri(text)));
    }

    [Fact]
    public void Canonical_OfAnIpv6Uri_ParsesBackToTheSameEndpoint()
    {
        var canonical = PeerEndPoints.Canonical(new Uri("http://[::1]:6335"));

        var reparsed = PeerEndPoints.TryParse(canonical);

        Assert.NotNull(reparsed);
        Assert.Equal(canonical, PeerEndPoints.Canonical(reparsed));
        Assert.Equal(new DnsEndPoint("::1", 6335), PeerEndPoints.FromUri(reparsed));
    }

    [Fact]
    public void Canonical_IsStableUnderReparsing()
    {
        foreach (var text in new[] { "https://Node1:6335", "http://node1", "https://node1:443", "http://10.0.0.7:6335/" })
        {
            var once = PeerEndPoints.Canonical(new Uri(text));
            Assert.Equal(once, PeerEndPoints.Canonical(PeerEndPoints.TryParse(once)!));
        }
    }

    [Fact]
    public void Canonical_TreatsAnExplicitDefaultPortAsTheSameAddress()
    {
        Assert.Equal(PeerEndPoints.Canonical(new Uri("https://node1")), PeerEndPoints.Canonical(new Uri("https://node1:443")));
        Assert.NotEqual(PeerEndPoints.Canonical(new Uri("https://node1:6335")), PeerEndPoints.Canonical(new Uri("http://node1:6335")));
    }

    [Fact]
    public void FromUri_IsLowerCaseHostAndPortWithoutIpv6Brackets()
    {
        Assert.Equal(new DnsEndPoint("node1", 6335), PeerEndPoints.FromUri(new Uri("https://NODE1:6335")));
        Assert.Equal(new DnsEndPoint("node1", 443), PeerEndPoints.FromUri(new Uri("https://node1")));
        Assert.Equal(new DnsEndPoint("::1", 6335), PeerEndPoints.FromUri(new Uri("http://[::1]:6335")));
    }

    [Fact]
    public void Format_WritesHostColonPortForDnsAndIpEndpoints()
    {
        Assert.Equal("node1:6335", PeerEndPoints.Format(new DnsEndPoint("node1", 6335)));
        Assert.Equal("10.0.0.7:6335", PeerEndPoints.Format(new IPEndPoint(IPAddress.Parse("10.0.0.7"), 6335)));
    }

    [Fact]
    public void Format_RoundTripsThroughTheMemberStorageParser()
    {
        foreach (var endpoint in new EndPoint[] { new DnsEndPoint("node1", 6335), new DnsEndPoint("::1", 6335), new IPEndPoint(IPAddress.IPv6Loopback, 7000) })
        {
            var parsed = MemberStorage.Parse(PeerEndPoints.Format(endpoint));
            Assert.True(PeerEndPoints.Comparer.Equals(endpoint, parsed), $"{endpoint} → {PeerEndPoints.Format(endpoint)} → {parsed}");
        }
    }

    [Fact]
    public void Format_RejectsEndpointsWithoutHostAndPort()
    {
        Assert.Throws<ArgumentException>(() => PeerEndPoints.Format(new System.Net.Sockets.UnixDomainSocketEndPoint("/tmp/peer.sock")));
    }

    [Fact]
    public void Comparer_MatchesHostCaseInsensitivelyAcrossEndpointTypes()
    {
        var comparer = PeerEndPoints.Comparer;

        Assert.True(comparer.Equals(new DnsEndPoint("Node1", 6335), new DnsEndPoint("node1", 6335)));
        Assert.Equal(comparer.GetHashCode(new DnsEndPoint("Node1", 6335)), comparer.GetHashCode(new DnsEndPoint("node1", 6335)));
        Assert.True(comparer.Equals(new DnsEndPoint("127.0.0.1", 6335), new IPEndPoint(IPAddress.Loopback, 6335)));
        Assert.False(comparer.Equals(new DnsEndPoint("node1", 6335), new DnsEndPoint("node1", 6336)));
        Assert.False(comparer.Equals(new DnsEndPoint("node1", 6335), new DnsEndPoint("node2", 6335)));
        Assert.False(comparer.Equals(null, new DnsEndPoint("node1", 6335)));
        Assert.False(comparer.Equals(new DnsEndPoint("node1", 6335), null));
    }
}
