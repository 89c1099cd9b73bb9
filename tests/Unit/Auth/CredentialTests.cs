using Citadel.Auth.Credentials;

namespace Citadel.Tests.Unit.Auth;

public sealed class CredentialTests
{
    [Theory]
    [InlineData("key", null, "key")]
    [InlineData("key", "Bearer token", "key")]
    [InlineData(null, "Bearer token", "token")]
    [InlineData(null, "bearer token", null)]
    [InlineData(null, "Bearer  token", " token")]
    [InlineData(null, "Basic abc", null)]
    [InlineData(null, null, null)]
    [InlineData("kéy", "Bearer token", null)]
    public void Extraction_PrefersApiKeyHeader_ThenExactBearerPrefix(string? apiKey, string? authorization, string? expected) =>
        Assert.Equal(expected, CredentialExtractor.Extract(apiKey, authorization));

    [Fact]
    public void KeyRing_MatchesEachConfiguredKey()
    {
        var ring = new KeyRing("admin-key", "alt-key", "ro-key");
        Assert.Equal(KeyKind.Manage, ring.Match("admin-key"));
        Assert.Equal(KeyKind.Manage, ring.Match("alt-key"));
        Assert.Equal(KeyKind.ReadOnly, ring.Match("ro-key"));
        Assert.Equal(KeyKind.None, ring.Match("admin-ke"));
        Assert.Equal(KeyKind.None, ring.Match(string.Empty));
    }

    [Fact]
    public void EmptyKeys_CountAsUnset()
    {
        var ring = new KeyRing(string.Empty, string.Empty, string.Empty);
        Assert.False(ring.Enabled);
        Assert.Equal(KeyKind.None, ring.Match(string.Empty));
    }

    [Fact]
    public void Fingerprint_NeverContainsTheKey()
    {
        var fp = KeyRing.Fingerprint("super-secret-admin-key");
        Assert.Equal(16, fp.Length);
        Assert.DoesNotContain("secret", fp, StringComparison.Ordinal);
    }
}
