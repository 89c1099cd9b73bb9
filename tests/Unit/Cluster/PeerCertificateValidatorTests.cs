using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Citadel.Auth.Tls;

namespace Citadel.Tests.Unit.Cluster;

/// <summary>Peer certificates: signed by our CA only, valid now, fit for the use, and (on peer links) an allowed identity.</summary>
public sealed class PeerCertificateValidatorTests(PeerCertificates certificates) : IClassFixture<PeerCertificates>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IsTrusted_ACertificateOurCaSigned(bool clientAuthentication)
    {
        using var cert = certificates.Peer("CN=node1.example", dns: ["node1.example"]);

        Assert.True(new PeerCertificateValidator(certificates.Trusted, clientAuthentication).IsTrusted(cert));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void IsTrusted_RejectsACertificateAnotherCaSigned(bool clientAuthentication)
    {
        using var rogue = certificates.Peer("CN=node1.example", dns: ["node1.example"], issuer: certificates.RogueCa);
        var validator = new PeerCertificateValidator(certificates.Trusted, clientAuthentication, new PeerIdentityPolicy(["*"]));

        Assert.False(validator.IsTrusted(rogue));
        Assert.False(validator.IsTrusted(rogue, [certificates.RogueCa]));
    }

    [Fact]
    public void IsTrusted_RejectsTheRogueCaItself()
    {
        Assert.False(new PeerCertificateValidator(certificates.Trusted, clientAuthentication: true).IsTrusted(certificates.RogueCa, [certificates.RogueCa]));
    }

    [Fact]
    public void IsTrusted_FollowsAnIntermediateOnlyWhenThePeerPresentsIt()
    {
        using var leaf = certificates.Peer("CN=node1.example", dns: ["node1.example"], issuer: certificates.Intermediate);
        var validator = new PeerCertificateValidator(certificates.Trusted, clientAuthentication: true);

        Assert.True(validator.IsTrusted(leaf, [certificates.Intermediate]));
        Assert.False(validator.IsTrusted(leaf));
    }

    [Fact]
    public void IsTrusted_RejectsAnExpiredCertificate()
    {
        using var expired = certificates.Peer("CN=node1.example", notBefore: DateTimeOffset.UtcNow.AddHours(-12), notAfter: DateTimeOffset.UtcNow.AddHours(-1));

        Assert.False(new PeerCertificateValidator(certificates.Trusted, clientAuthentication: true).IsTrusted(expired));
    }

    [Fact]
    public void IsTrusted_RejectsACertificateNotValidYet()
    {
        using var future = certificates.Peer("CN=node1.example", notBefore: DateTimeOffset.UtcNow.AddHours(1), notAfter: DateTimeOffset.UtcNow.AddHours(2));

        Assert.False(new PeerCertificateValidator(certificates.Trusted, clientAuthentication: true).IsTrusted(future));
    }

    [Fact]
    public void IsTrusted_RequiresTheUseTheCertificateIsPresentedFor()
    {
        using var serverOnly = certificates.Peer("CN=node1.example", usages: [PeerCertificates.ServerAuth]);
        using var clientOnly = certificates.Peer("CN=node1.example", usages: [PeerCertificates.ClientAuth]);
        var checkingClients = new PeerCertificateValidator(certificates.Trusted, clientAuthentication: true);
        var checkingServers = new PeerCertificateValidator(certificates.Trusted, clientAuthentication: false);

        Assert.False(checkingClients.IsTrusted(serverOnly));
        Assert.True(checkingClients.IsTrusted(clientOnly));
        Assert.False(checkingServers.IsTrusted(clientOnly));
        Assert.True(checkingServers.IsTrusted(serverOnly));
    }

    [Fact]
    public void IsTrusted_WithAnAllowList_RejectsACaSignedPeerThatIsNotListed()
    {
        using var listed = certificates.Peer("CN=node1.peers.example", dns: ["node1.peers.example"]);
        using var unlisted = certificates.Peer("CN=intruder.example", dns: ["intruder.example"]);
        var validator = new PeerCertificateValidator(certificates.Trusted, clientAuthentication: true, new PeerIdentityPolicy(["*.peers.example"]));

        Assert.True(validator.IsTrusted(listed));
        Assert.False(validator.IsTrusted(unlisted));
    }

    [Fact]
    public void IsTrusted_WithAnEmptyAllowList_RejectsEveryPeer()
    {
        using var cert = certificates.Peer("CN=node1.example", dns: ["node1.example"]);

        Assert.False(new PeerCertificateValidator(certificates.Trusted, clientAuthentication: true, new PeerIdentityPolicy([])).IsTrusted(cert));
    }

    [Fact]
    public void IsTrusted_AnAllowListedNameDoesNotMakeAnotherCaTrusted()
    {
        using var rogue = certificates.Peer("CN=node1.peers.example", dns: ["node1.peers.example"], issuer: certificates.RogueCa);

        Assert.False(new PeerCertificateValidator(certificates.Trusted, clientAuthentication: true, new PeerIdentityPolicy(["node1.peers.example"])).IsTrusted(rogue, [certificates.RogueCa]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Callback_RejectsAMissingCertificate(bool clientAuthentication)
    {
        var validator = new PeerCertificateValidator(certificates.Trusted, clientAuthentication, new PeerIdentityPolicy(["*"]));

        Assert.False(validator.Callback(this, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
        Assert.False(validator.Callback(this, null, null, SslPolicyErrors.None));
    }

    [Fact]
    public void Callback_CheckingAServer_RejectsAHostNameMismatchWhateverElseItProves()
    {
        using var cert = certificates.Peer("CN=node1.example", dns: ["node1.example"]);
        var validator = new PeerCertificateValidator(certificates.Trusted, clientAuthentication: false, new PeerIdentityPolicy(["*"]));

        Assert.True(validator.Callback(this, cert, null, SslPolicyErrors.None));
        Assert.False(validator.Callback(this, cert, null, SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(validator.Callback(this, cert, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Callback_CheckingAClient_HasNoHostNameToMatch()
    {
        using var cert = certificates.Peer("CN=node1.example", dns: ["node1.example"]);
        var validator = new PeerCertificateValidator(certificates.Trusted, clientAuthentication: true);

        Assert.True(validator.Callback(this, cert, null, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void Callback_DecidesTheChainItselfInsteadOfTheSystemStore()
    {
        using var ours = certificates.Peer("CN=node1.example", dns: ["node1.example"]);
        using var rogue = certificates.Peer("CN=node1.example", dns: ["node1.example"], issuer: certificates.RogueCa);
        var validator = new PeerCertificateValidator(certificates.Trusted, clientAuthentication: true);

        // The system store does not know our CA, so SslStream reports chain errors; the validator's own chain decides.
        Assert.True(validator.Callback(this, ours, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validator.Callback(this, rogue, null, SslPolicyErrors.None));
    }

    [Fact]
    public void Callback_UsesTheIntermediatesThePeerSent()
    {
        using var leaf = certificates.Peer("CN=node1.example", dns: ["node1.example"], issuer: certificates.Intermediate);
        using var presented = new X509Chain();
        presented.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        presented.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        presented.ChainPolicy.ExtraStore.Add(certificates.Intermediate);
        presented.Build(leaf);
        var validator = new PeerCertificateValidator(certificates.Trusted, clientAuthentication: true);

        Assert.True(validator.Callback(this, leaf, presented, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validator.Callback(this, leaf, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Callback_AppliesTheAllowList()
    {
        using var unlisted = certificates.Peer("CN=intruder.example", dns: ["intruder.example"]);
        var validator = new PeerCertificateValidator(certificates.Trusted, clientAuthentication: true, new PeerIdentityPolicy(["*.peers.example"]));

        Assert.False(validator.Callback(this, unlisted, null, SslPolicyErrors.None));
    }
}
