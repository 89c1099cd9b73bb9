using Citadel.Node.Configuration;

namespace Citadel.Tests.Unit.Configuration;

public sealed class PublicBindGuardTests : IDisposable
{
    private readonly TempWorkingDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void PublicHostWithoutApiKey_RefusesToStart()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__SERVICE__HOST", "0.0.0.0"));

        Assert.Equal("service.host", error.Key);
        Assert.Contains("allow_insecure_public_bind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PublicHostWithApiKey_Starts()
    {
        var settings = Load.WithEnvironment(dir.Path, ("QDRANT__SERVICE__HOST", "0.0.0.0"), ("QDRANT__SERVICE__API_KEY", "k")).Settings;

        Assert.Equal("0.0.0.0", settings.Service.Host);
    }

    [Fact]
    public void PublicHostWithReadOnlyKeyOnly_Starts()
    {
        var settings = Load.WithEnvironment(dir.Path, ("QDRANT__SERVICE__HOST", "10.1.2.3"), ("QDRANT__SERVICE__READ_ONLY_API_KEY", "r")).Settings;

        Assert.Equal("10.1.2.3", settings.Service.Host);
    }

    [Fact]
    public void PublicHostWithEmptyApiKey_RefusesToStart()
    {
        Load.Failure(dir.Path, ("QDRANT__SERVICE__HOST", "0.0.0.0"), ("QDRANT__SERVICE__API_KEY", string.Empty));
    }

    [Fact]
    public void PublicHostWithOptIn_StartsWithWarning()
    {
        var loaded = Load.WithEnvironment(dir.Path, ("QDRANT__SERVICE__HOST", "::"), ("QDRANT__SERVICE__ALLOW_INSECURE_PUBLIC_BIND", "true"));

        Assert.Equal("::", loaded.Settings.Service.Host);
        Assert.Contains(loaded.Warnings, w => w.Contains("allow_insecure_public_bind", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.5.6.7")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("localhost")]
    public void LoopbackHosts_NeedNoApiKey(string host)
    {
        Assert.Equal(host, Load.WithEnvironment(dir.Path, ("QDRANT__SERVICE__HOST", host)).Settings.Service.Host);
    }
}
