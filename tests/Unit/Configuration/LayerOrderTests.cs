using Citadel.Node.Configuration;

namespace Citadel.Tests.Unit.Configuration;

public sealed class LayerOrderTests : IDisposable
{
    private readonly TempWorkingDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void ConfigFile_OverridesBuiltInDefaults()
    {
        dir.Write("config/config.yaml", "service:\n  http_port: 7001\n");

        var settings = Load.From(dir.Path).Settings;

        Assert.Equal(7001, settings.Service.HttpPort);
        Assert.Equal(6334, settings.Service.GrpcPort);
    }

    [Fact]
    public void RunModeFile_OverridesConfigFile()
    {
        dir.Write("config/config.yaml", "service:\n  http_port: 7001\n  grpc_port: 7101\n");
        dir.Write("config/production.yaml", "service:\n  http_port: 7002\n");

        var settings = Load.WithEnvironment(dir.Path, ("RUN_MODE", "production")).Settings;

        Assert.Equal(7002, settings.Service.HttpPort);
        Assert.Equal(7101, settings.Service.GrpcPort);
    }

    [Fact]
    public void RunMode_DefaultsToDevelopment()
    {
        dir.Write("config/development.yaml", "log_level: debug\n");

        var loaded = Load.From(dir.Path);

        Assert.Equal(NodeLogLevel.Debug, loaded.Settings.LogLevel);
        Assert.DoesNotContain("Config file not found: config/development", loaded.Warnings);
    }

    [Fact]
    public void LocalFile_OverridesRunModeFile()
    {
        dir.Write("config/development.yml", "service:\n  http_port: 7002\n");
        dir.Write("config/local.yaml", "service:\n  http_port: 7003\n");

        Assert.Equal(7003, Load.From(dir.Path).Settings.Service.HttpPort);
    }

    [Fact]
    public void ConfigPathFile_OverridesLocalFile()
    {
        dir.Write("config/local.yaml", "service:\n  http_port: 7003\n  grpc_port: 7103\n");
        dir.Write("custom.yaml", "service:\n  http_port: 7004\n");

        var settings = Load.From(dir.Path, cli: new CommandLineOptions { ConfigPath = "custom.yaml" }).Settings;

        Assert.Equal(7004, settings.Service.HttpPort);
        Assert.Equal(7103, settings.Service.GrpcPort);
    }

    [Fact]
    public void EnvironmentVariable_OverridesConfigPathFile()
    {
        dir.Write("custom.yaml", "service:\n  http_port: 7004\n");

        var settings = Load.From(
            dir.Path,
            new Dictionary<string, string> { ["QDRANT__SERVICE__HTTP_PORT"] = "7005" },
            new CommandLineOptions { ConfigPath = "custom.yaml" }).Settings;

        Assert.Equal(7005, settings.Service.HttpPort);
    }

    [Fact]
    public void EnvironmentVariable_OverridesConfigFile()
    {
        dir.Write("config/config.yaml", "service:\n  http_port: 7001\n");

        var settings = Load.WithEnvironment(dir.Path, ("QDRANT__SERVICE__HTTP_PORT", "7000")).Settings;

        Assert.Equal(7000, settings.Service.HttpPort);
    }

    [Fact]
    public void AllLayers_ApplyInQdrantOrder()
    {
        // Each layer sets the port and one key of its own; the port must come from the highest layer
        // and every other key must survive the deep merge.
        dir.Write("config/config.yaml", "service:\n  http_port: 1\n  max_request_size_mb: 11\n");
        dir.Write("config/staging.yaml", "service:\n  http_port: 2\n  max_workers: 3\n");
        dir.Write("config/local.yaml", "service:\n  http_port: 3\n  enable_cors: false\n");
        dir.Write("extra.yaml", "service:\n  http_port: 4\n  grpc_port: 7777\n");

        var settings = Load.From(
            dir.Path,
            new Dictionary<string, string> { ["RUN_MODE"] = "staging", ["QDRANT__SERVICE__HTTP_PORT"] = "5" },
            new CommandLineOptions { ConfigPath = "extra.yaml" }).Settings;

        Assert.Equal(5, settings.Service.HttpPort);
        Assert.Equal(11, settings.Service.MaxRequestSizeMb);
        Assert.Equal(3, settings.Service.MaxWorkers);
        Assert.False(settings.Service.EnableCors);
        Assert.Equal(7777, settings.Service.GrpcPort);
    }

    [Fact]
    public void NullValue_OverridesLowerLayer()
    {
        dir.Write("config/config.yaml", "service:\n  grpc_port: null\nstorage:\n  optimizers:\n    indexing_threshold_kb: ~\n");

        var settings = Load.From(dir.Path).Settings;

        Assert.Null(settings.Service.GrpcPort);
        Assert.Null(settings.Storage.Optimizers.IndexingThresholdKb);
    }

    [Fact]
    public void JsonConfigFile_IsRead()
    {
        dir.Write("config/config.json", """{ "service": { "http_port": 7010, "enable_cors": false } }""");

        var settings = Load.From(dir.Path).Settings;

        Assert.Equal(7010, settings.Service.HttpPort);
        Assert.False(settings.Service.EnableCors);
    }

    [Fact]
    public void UnknownKeys_AreIgnored()
    {
        dir.Write("config/config.yaml", "feature_flags:\n  all: true\nservice:\n  no_such_key: 1\n  http_port: 7011\n");

        Assert.Equal(7011, Load.From(dir.Path).Settings.Service.HttpPort);
    }

    [Fact]
    public void MissingConfigPathFile_ContinuesWithErrorLevelWarning()
    {
        var loaded = Load.From(dir.Path, cli: new CommandLineOptions { ConfigPath = "nowhere.yaml" });

        Assert.Equal(6333, loaded.Settings.Service.HttpPort);
        Assert.Contains("Config file via --config-path is not found: nowhere.yaml", loaded.Warnings);
        var message = Assert.Single(loaded.Messages, m => m.Text.Contains("--config-path", StringComparison.Ordinal));
        Assert.Equal(LoadMessageLevel.Error, message.Level);
    }

    [Fact]
    public void ConfigPathWithoutExtension_FindsYamlFile()
    {
        dir.Write("conf/node.yaml", "service:\n  http_port: 7012\n");

        var settings = Load.From(dir.Path, cli: new CommandLineOptions { ConfigPath = "conf/node" }).Settings;

        Assert.Equal(7012, settings.Service.HttpPort);
    }

    [Fact]
    public void DisableTelemetryFlag_SetsTelemetryDisabled()
    {
        var settings = Load.From(dir.Path, cli: new CommandLineOptions { DisableTelemetry = true }).Settings;

        Assert.True(settings.TelemetryDisabled);
    }

    [Fact]
    public void MalformedYaml_FailsNamingTheFile()
    {
        dir.Write("config/config.yaml", "service:\n  http_port: [1, 2\n");

        var error = Assert.Throws<ConfigurationException>(() => Load.From(dir.Path));

        Assert.Contains("config/config.yaml", error.Message, StringComparison.Ordinal);
    }
}
