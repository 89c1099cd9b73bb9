using Citadel.Auth.Tls;

namespace Citadel.Tests.Unit.Cluster;

/// <summary>The peer allow-list (<c>cluster.p2p.allowed_identities</c>): which certificate identities may talk on the peer port.</summary>
public sealed class PeerIdentityPolicyTests(PeerCertificates certificates) : IClassFixture<PeerCertificates>
{
    [Theory]
    [InlineData("node1.example", "node1.example")]
    [InlineData("node1.example", "NODE1.Example")]
    [InlineData("node1.example", "node1.example.")]
    [InlineData("node1.example.", "node1.example")]
    [InlineData(" node1.example ", "node1.example")]
    [InlineData("10.0.0.7", "10.0.0.7")]
    [InlineData("::1", "::1")]
    [InlineData("*.peers.example", "node1.peers.example")]
    [InlineData("*.peers.example", "NODE-2.PEERS.example")]
    [InlineData("*.peers.example", "node1.peers.example.")]
    [InlineData("*.peers.example.", "node1.peers.example")]
    [InlineData("*", "node1.example")]
    [InlineData("*", "10.0.0.7")]
    public void Matches_AllowedIdentities(string pattern, string identity)
    {
        Assert.True(Policy(pattern).Matches(identity));
    }

    [Theory]
    [InlineData("node1.example", "node2.example")]
    [InlineData("node1.example", "a.node1.example")]
    [InlineData("node1.example", "node1.example.org")]
    [InlineData("node1.example", "node1")]
    [InlineData("*.peers.example", "peers.example")]
    [InlineData("*.peers.example", ".peers.example")]
    [InlineData("*.peers.example", "a.b.peers.example")]
    [InlineData("*.peers.example", "node1.peers.example.org")]
    [InlineData("*.peers.example", "node1.otherpeers.example")]
    [InlineData("*.peers.example", "node1-peers.example")]
    [InlineData("*.0.0.7", "10.0.0.7")]
    [InlineData("10.0.0.7", "10.0.0.70")]
    [InlineData("*", "")]
    [InlineData("*", ".")]
    public void Matches_RejectsIdentitiesOutsideThePattern(string pattern, string identity)
    {
        Assert.False(Policy(pattern).Matches(identity));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*.peers.example")]
    [InlineData("node1.peers.example")]
    public void Matches_NeverAcceptsAWildcardCertificateName(string pattern)
    {
        var policy = Policy(pattern);

        Assert.False(policy.Matches("*.peers.example"));
        Assert.False(policy.Matches("*"));
        Assert.False(policy.Matches("node*.peers.example"));
    }

    [Fact]
    public void Matches_AnyOfSeveralPatterns()
    {
        var policy = new PeerIdentityPolicy(["node1.example", "*.peers.example", "10.0.0.7"]);

        Assert.True(policy.Matches("node1.example"));
        Assert.True(policy.Matches("x.peers.example"));
        Assert.True(policy.Matches("10.0.0.7"));
        Assert.False(policy.Matches("node2.example"));
    }

    [Fact]
    public void EmptyPolicy_AllowsNothing()
    {
        var policy = new PeerIdentityPolicy([]);
        using var cert = certificates.Peer("CN=node1.example", dns: ["node1.example"]);

        Assert.True(policy.IsEmpty);
        Assert.False(policy.Matches("node1.example"));
        Assert.False(policy.Allows(cert));
        Assert.False(new PeerIdentityPolicy(["*"]).IsEmpty);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".")]
    [InlineData("*.")]
    [InlineData("*..")]
    [InlineData("*..example")]
    [InlineData("**")]
    [InlineData("*.*")]
    [InlineData("*.*.example")]
    [InlineData("*.peers.*")]
    [InlineData("node*.example")]
    [InlineData("*node.example")]
    [InlineData("node.*.example")]
    [InlineData("example.*")]
    [InlineData("*example")]
    public void Constructor_RejectsInvalidPatterns(string pattern)
    {
        var e = Assert.Throws<ArgumentException>(() => new PeerIdentityPolicy(["node1.example", pattern]));

        Assert.Equal("patterns", e.ParamName);
    }

    [Fact]
    public void IdentitiesOf_ListsDnsAndIpSubjectAltNamesThenTheCommonName()
    {
        using var cert = certificates.Peer("CN=node1", dns: ["node1.example", "peer1.example"], ips: ["10.0.0.7", "::1"]);

        Assert.Equal(["node1.example", "peer1.example", "10.0.0.7", "::1", "node1"], PeerIdentityPolicy.IdentitiesOf(cert));
    }

    [Fact]
    public void Allows_ACertificateByItsDnsSubjectAltName()
    {
        using var cert = certificates.Peer("CN=unrelated", dns: ["node1.peers.example"]);

        Assert.True(Policy("*.peers.example").Allows(cert));
        Assert.True(Policy("node1.peers.example").Allows(cert));
        Assert.False(Policy("node2.peers.example").Allows(cert));
    }

    [Fact]
    public void Allows_ACertificateByItsIpSubjectAltName()
    {
        using var cert = certificates.Peer("CN=unrelated", ips: ["10.0.0.7"]);

        Assert.True(Policy("10.0.0.7").Allows(cert));
        Assert.False(Policy("10.0.0.8").Allows(cert));
    }

    [Fact]
    public void Allows_ACertificateByItsCommonName()
    {
        using var cert = certificates.Peer("CN=node1.peers.example, O=Citadel");

        Assert.True(Policy("node1.peers.example").Allows(cert));
        Assert.True(Policy("*.peers.example").Allows(cert));
        Assert.False(Policy("Citadel").Allows(cert));
    }

    [Theory]
    [InlineData("O=node1.peers.example")]
    [InlineData("OU=node1.peers.example")]
    [InlineData("OU=node1.peers.example, O=node1.peers.example")]
    [InlineData("E=node1.peers.example")]
    public void Allows_NeverTakesAnotherSubjectAttributeForTheCommonName(string subject)
    {
        using var cert = certificates.Peer(subject);

        Assert.Empty(PeerIdentityPolicy.IdentitiesOf(cert));
        Assert.False(Policy("node1.peers.example").Allows(cert));
    }

    [Fact]
    public void Allows_NoWildcardCertificate_EvenUnderAnAllowAnyPolicy()
    {
        using var sanWildcard = certificates.Peer("CN=*.peers.example", dns: ["*.peers.example"]);
        using var cnWildcard = certificates.Peer("CN=*.peers.example");

        Assert.False(Policy("*").Allows(sanWildcard));
        Assert.False(Policy("*.peers.example").Allows(sanWildcard));
        Assert.False(Policy("*").Allows(cnWildcard));
    }

    private static PeerIdentityPolicy Policy(string pattern) => new([pattern]);
}
