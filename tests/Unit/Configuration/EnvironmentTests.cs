using Citadel.Node.Configuration;

namespace Citadel.Tests.Unit.Configuration;

public sealed class EnvironmentTests : IDisposable
{
    private readonly TempWorkingDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void EnvironmentVariable_SetsTopLevelSectionKey()
    {
        var settings = Load.WithEnvironment(dir.Path, ("QDRANT__SERVICE__HTTP_PORT", "7000")).Settings;

        Assert.Equal(7000, settings.Service.HttpPort);
    }

    [Fact]
    public void DoubleUnderscore_NestsDeeper()
    {
        var settings = Load.WithEnvironment(
            dir.Path,
            ("QDRANT__CLUSTER__P2P__PORT", "7335"),
            ("QDRANT__STORAGE__WAL__WAL_CAPACITY_MB", "64")).Settings;

        Assert.Equal(7335, settings.Cluster.P2p.Port);
        Assert.Equal(64, settings.Storage.Wal.WalCapacityMb);
    }

    [Fact]
    public void SingleUnderscore_StaysPartOfTheKey()
    {
        var settings = Load.WithEnvironment(dir.Path, ("QDRANT__SERVICE__API_KEY", "secret")).Settings;

        Assert.Equal("secret", settings.Service.ApiKey);
    }

    [Fact]
    public void Prefix_IsCaseInsensitive()
    {
        var settings = Load.WithEnvironment(dir.Path, ("qdrant__service__grpc_port", "7334")).Settings;

        Assert.Equal(7334, settings.Service.GrpcPort);
    }

    [Fact]
    public void StringValues_AreCoercedToBooleans()
    {
        var settings = Load.WithEnvironment(
            dir.Path,
            ("QDRANT__AUDIT__ENABLED", "TRUE"),
            ("QDRANT__SERVICE__ENABLE_CORS", "false"),
            ("QDRANT__TELEMETRY_DISABLED", "yes")).Settings;

        Assert.True(settings.Audit.Enabled);
        Assert.False(settings.Service.EnableCors);
        Assert.True(settings.TelemetryDisabled);
    }

    [Fact]
    public void OtherVariables_AreIgnored()
    {
        var settings = Load.WithEnvironment(
            dir.Path,
            ("QDRANT_URI", "http://x:6335"),
            ("QDRANT__", "x"),
            ("SERVICE__HTTP_PORT", "1")).Settings;

        Assert.Equal(6333, settings.Service.HttpPort);
    }

    [Theory]
    [InlineData("QDRANT__SERVICE__API_KEY", "service.api_key")]
    [InlineData("QDRANT__SERVICE__ALT_API_KEY", "service.alt_api_key")]
    [InlineData("QDRANT__SERVICE__READ_ONLY_API_KEY", "service.read_only_api_key")]
    public void EmptyApiKey_IsUnsetWithWarning(string variable, string key)
    {
        var loaded = Load.WithEnvironment(dir.Path, (variable, string.Empty));

        Assert.False(loaded.Settings.Service.AuthEnabled);
        Assert.Contains($"`{key}` is set to an empty string and is treated as unset", loaded.Warnings);
    }

    [Fact]
    public void EmptyApiKeyFromEnvironment_OverridesKeyInFile()
    {
        dir.Write("config/config.yaml", "service:\n  api_key: from-file\n");

        var settings = Load.WithEnvironment(dir.Path, ("QDRANT__SERVICE__API_KEY", string.Empty)).Settings;

        Assert.Null(settings.Service.ApiKey);
    }

    [Fact]
    public void JwtRbacWithoutKey_Warns()
    {
        var warnings = Load.WithEnvironment(dir.Path, ("QDRANT__SERVICE__JWT_RBAC", "true")).Warnings;

        Assert.Contains("JWT RBAC configured but no API key set, JWT RBAC is not enabled", warnings);
    }

    [Fact]
    public void JwtRbacWithShortKey_RecommendsLongerSecret()
    {
        var warnings = Load.WithEnvironment(
            dir.Path,
            ("QDRANT__SERVICE__JWT_RBAC", "true"),
            ("QDRANT__SERVICE__API_KEY", "short")).Warnings;

        Assert.Contains("It is highly recommended to use an API key of 32 bytes when JWT RBAC is enabled", warnings);
    }

    [Fact]
    public void JwtRbacWithLongKey_DoesNotWarn()
    {
        var warnings = Load.WithEnvironment(
            dir.Path,
            ("QDRANT__SERVICE__JWT_RBAC", "true"),
            ("QDRANT__SERVICE__API_KEY", new string('k', 32))).Warnings;

        Assert.DoesNotContain(warnings, w => w.Contains("JWT", StringComparison.Ordinal));
    }
}
