using Citadel.Node.Configuration;

namespace Citadel.Tests.Unit.Configuration;

public sealed class ValidationTests : IDisposable
{
    private readonly TempWorkingDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void NonNumericPort_FailsNamingKeyExpectationAndValue()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__SERVICE__HTTP_PORT", "abc"));

        Assert.StartsWith("Invalid configuration: `service.http_port` must be an integer from 1 to 65535, got `abc`", error.Message, StringComparison.Ordinal);
        Assert.Equal("service.http_port", error.Key);
    }

    [Fact]
    public void InvalidValue_NamesTheLayerItCameFrom()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__SERVICE__HTTP_PORT", "abc"));

        Assert.Contains("environment variable QDRANT__SERVICE__HTTP_PORT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRangePort_Fails()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__SERVICE__HTTP_PORT", "70000"));

        Assert.Contains("`service.http_port` must be an integer from 1 to 65535, got `70000`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PortZero_Fails()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__CLUSTER__P2P__PORT", "0"));

        Assert.Equal("cluster.p2p.port", error.Key);
    }

    [Fact]
    public void NullGrpcPortInFile_DisablesGrpc()
    {
        dir.Write("config/config.yaml", "service:\n  grpc_port: null\n");

        Assert.Null(Load.From(dir.Path).Settings.Service.GrpcPort);
    }

    [Fact]
    public void NullHttpPort_Fails()
    {
        dir.Write("config/config.yaml", "service:\n  http_port: null\n");

        var error = Assert.Throws<ConfigurationException>(() => Load.From(dir.Path));

        Assert.Contains("`service.http_port` must be an integer from 1 to 65535, got `null` (set in config/config.yaml)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRotation_Fails()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__AUDIT__ROTATION", "weekly"));

        Assert.Contains("`audit.rotation` must be one of `daily`, `hourly`, got `weekly`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotation_IsCaseInsensitive()
    {
        var settings = Load.WithEnvironment(dir.Path, ("QDRANT__AUDIT__ROTATION", "Hourly")).Settings;

        Assert.Equal(AuditRotation.Hourly, settings.Audit.Rotation);
    }

    [Fact]
    public void NonBooleanFlag_Fails()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__SERVICE__ENABLE_TLS", "maybe"));

        Assert.Contains("`service.enable_tls` must be a boolean (true or false), got `maybe`", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("-5", 1)]
    [InlineData("3", 3)]
    public void MaxLogFilesBelowOne_IsTreatedAsOne(string value, int expected)
    {
        var settings = Load.WithEnvironment(dir.Path, ("QDRANT__AUDIT__MAX_LOG_FILES", value)).Settings;

        Assert.Equal(expected, settings.Audit.MaxLogFiles);
    }

    [Theory]
    [InlineData("trace", NodeLogLevel.Trace)]
    [InlineData("DEBUG", NodeLogLevel.Debug)]
    [InlineData("Warn", NodeLogLevel.Warn)]
    [InlineData("error", NodeLogLevel.Error)]
    [InlineData("off", NodeLogLevel.Off)]
    public void LogLevel_IsCaseInsensitive(string value, NodeLogLevel expected)
    {
        Assert.Equal(expected, Load.WithEnvironment(dir.Path, ("QDRANT__LOG_LEVEL", value)).Settings.LogLevel);
    }

    [Fact]
    public void UnknownLogLevel_Fails()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__LOG_LEVEL", "verbose"));

        Assert.Equal("log_level", error.Key);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("lots")]
    public void DeletedThresholdOutsideZeroToOne_Fails(string value)
    {
        var error = Load.Failure(dir.Path, ("QDRANT__STORAGE__OPTIMIZERS__DELETED_THRESHOLD", value));

        Assert.Contains("`storage.optimizers.deleted_threshold` must be a number from 0 to 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroWalCapacity_Fails()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__STORAGE__WAL__WAL_CAPACITY_MB", "0"));

        Assert.Contains("`storage.wal.wal_capacity_mb` must be a positive integer, got `0`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PeerIdAboveTwoToThe53_Fails()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__CLUSTER__PEER_ID", "9007199254740992"));

        Assert.Equal("cluster.peer_id", error.Key);
    }

    [Fact]
    public void ScalarWhereSectionExpected_Fails()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__CLUSTER__P2P", "6335"));

        Assert.Contains("`cluster.p2p` must be a section of settings (a map), got `6335`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterWithoutP2pPort_Fails()
    {
        dir.Write("config/config.yaml", "cluster:\n  enabled: true\n  p2p:\n    port: null\n");

        var error = Assert.Throws<ConfigurationException>(() => Load.From(dir.Path));

        Assert.Equal("cluster.p2p.port", error.Key);
    }

    [Fact]
    public void MetricsPrefixWithIllegalCharacters_Fails()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__SERVICE__METRICS_PREFIX", "my-prefix"));

        Assert.Equal("service.metrics_prefix", error.Key);
    }

    [Fact]
    public void CertTtlZero_DisablesReload()
    {
        Assert.Null(Load.WithEnvironment(dir.Path, ("QDRANT__TLS__CERT_TTL", "0")).Settings.Tls!.CertTtlSec);
    }

    [Fact]
    public void TlsSectionSetToNull_LeavesTlsUndefined()
    {
        dir.Write("config/config.yaml", "tls: null\n");

        Assert.Null(Load.From(dir.Path).Settings.Tls);
    }

    [Fact]
    public void S3SnapshotsWithoutS3Config_Fails()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__STORAGE__SNAPSHOTS_CONFIG__SNAPSHOTS_STORAGE", "s3"));

        Assert.Equal("storage.snapshots_config.s3_config", error.Key);
    }

    [Fact]
    public void ApiKey_IsRedactedFromToString()
    {
        var settings = Load.WithEnvironment(dir.Path, ("QDRANT__SERVICE__API_KEY", "top-secret-value")).Settings;

        Assert.DoesNotContain("top-secret-value", settings.ToString(), StringComparison.Ordinal);
    }
}
