using Citadel.Node.Configuration;

namespace Citadel.Tests.Unit.Configuration;

public sealed class DefaultsTests : IDisposable
{
    private readonly TempWorkingDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void NoConfigFiles_LoadsBuiltInDefaults()
    {
        var settings = Load.From(dir.Path).Settings;

        Assert.Equal(NodeLogLevel.Info, settings.LogLevel);
        Assert.Equal("127.0.0.1", settings.Service.Host);
        Assert.Equal(6333, settings.Service.HttpPort);
        Assert.Equal(6334, settings.Service.GrpcPort);
        Assert.Null(settings.Service.MetricsPort);
        Assert.Equal(32, settings.Service.MaxRequestSizeMb);
        Assert.Equal(0, settings.Service.MaxWorkers);
        Assert.True(settings.Service.EnableCors);
        Assert.False(settings.Service.EnableTls);
        Assert.False(settings.Service.VerifyHttpsClientCertificate);
        Assert.Null(settings.Service.ApiKey);
        Assert.Null(settings.Service.AltApiKey);
        Assert.Null(settings.Service.ReadOnlyApiKey);
        Assert.False(settings.Service.JwtRbac);
        Assert.False(settings.Service.EnforceInternalAuth);
        Assert.True(settings.Service.EnableSnapshotUrlRecovery);
        Assert.False(settings.Service.AllowInsecurePublicBind);
        Assert.False(settings.TelemetryDisabled);
    }

    [Fact]
    public void NoConfigFiles_StorageAndCollectionDefaultsMatchQdrant()
    {
        var storage = Load.From(dir.Path).Settings.Storage;

        Assert.True(storage.OnDiskPayload);
        Assert.Null(storage.TempPath);
        Assert.Equal(32, storage.Wal.WalCapacityMb);
        Assert.Equal(0, storage.Wal.WalSegmentsAhead);
        Assert.Equal(0.2, storage.Optimizers.DeletedThreshold);
        Assert.Equal(1000, storage.Optimizers.VacuumMinVectorNumber);
        Assert.Equal(0, storage.Optimizers.DefaultSegmentNumber);
        Assert.Null(storage.Optimizers.MaxSegmentSizeKb);
        Assert.Null(storage.Optimizers.MemmapThresholdKb);
        Assert.Equal(10000, storage.Optimizers.IndexingThresholdKb);
        Assert.Equal(5, storage.Optimizers.FlushIntervalSec);
        Assert.Null(storage.Optimizers.MaxOptimizationThreads);
        Assert.Equal(16, storage.HnswIndex.M);
        Assert.Equal(100, storage.HnswIndex.EfConstruct);
        Assert.Equal(10000, storage.HnswIndex.FullScanThresholdKb);
        Assert.Equal(0, storage.HnswIndex.MaxIndexingThreads);
        Assert.False(storage.HnswIndex.OnDisk);
        Assert.Null(storage.HnswIndex.PayloadM);
        Assert.Equal(1, storage.Collection.ReplicationFactor);
        Assert.Equal(1, storage.Collection.WriteConsistencyFactor);
        Assert.Null(storage.Collection.ShardNumber);
        Assert.Null(storage.MaxCollections);
        Assert.Equal(SnapshotsStorage.Local, storage.Snapshots.Storage);
    }

    [Fact]
    public void NoConfigFiles_ClusterTlsAndAuditDefaultsMatchQdrant()
    {
        var settings = Load.From(dir.Path).Settings;

        Assert.False(settings.Cluster.Enabled);
        Assert.Null(settings.Cluster.PeerId);
        Assert.Equal(60000, settings.Cluster.GrpcTimeoutMs);
        Assert.Equal(2000, settings.Cluster.ConnectionTimeoutMs);
        Assert.Equal(6335, settings.Cluster.P2p.Port);
        Assert.Equal(2, settings.Cluster.P2p.ConnectionPoolSize);
        Assert.False(settings.Cluster.P2p.EnableTls);
        Assert.Equal(100, settings.Cluster.Consensus.TickPeriodMs);
        Assert.Equal(128, settings.Cluster.Consensus.CompactWalEntries);
        Assert.Equal(100, settings.Cluster.Consensus.MaxMessageQueueSize);
        Assert.Equal(15, settings.Cluster.Consensus.BootstrapTimeoutSec);
        Assert.Equal(10, settings.Cluster.Consensus.MessageTimeoutTicks);
        Assert.False(settings.Cluster.ReshardingEnabled);

        Assert.NotNull(settings.Tls);
        Assert.Equal(3600, settings.Tls.CertTtlSec);

        Assert.False(settings.Audit.Enabled);
        Assert.Equal(AuditRotation.Daily, settings.Audit.Rotation);
        Assert.Equal(7, settings.Audit.MaxLogFiles);
        Assert.False(settings.Audit.TrustForwardedHeaders);
    }

    [Fact]
    public void NoConfigFiles_WarnsThatMainAndRunModeFilesAreMissing()
    {
        var warnings = Load.From(dir.Path).Warnings;

        Assert.Contains("Config file not found: config/config", warnings);
        Assert.Contains("Config file not found: config/development", warnings);
    }

    [Fact]
    public void EmbeddedDefaults_AgreeWithModelDefaults()
    {
        // The yaml and the binder fallbacks are two copies of the same defaults; they must not drift.
        var loaded = Load.From(dir.Path).Settings;
        var model = Resolve(new NodeSettings(), dir.Path);

        Assert.Equal(model.Service, loaded.Service);
        // Lists compare by reference inside records: compare the allow-lists by content, the rest as records.
        var snapshots = loaded.Storage.Snapshots.UrlRecoveryAllowedNetworks;
        Assert.Equal(model.Storage.Snapshots.UrlRecoveryAllowedNetworks, snapshots);
        Assert.Equal(model.Storage with { Snapshots = model.Storage.Snapshots with { UrlRecoveryAllowedNetworks = snapshots } }, loaded.Storage);
        Assert.Equal(model.Cluster.P2p.AllowedIdentities, loaded.Cluster.P2p.AllowedIdentities);
        Assert.Equal(model.Cluster with { P2p = model.Cluster.P2p with { AllowedIdentities = loaded.Cluster.P2p.AllowedIdentities } }, loaded.Cluster);
        Assert.Equal(model.Tls, loaded.Tls);
        Assert.Equal(model.Audit, loaded.Audit);
        Assert.Equal(model.Logger, loaded.Logger);
        Assert.Equal(model.LogLevel, loaded.LogLevel);
        Assert.Equal(model.TelemetryDisabled, loaded.TelemetryDisabled);
    }

    private static NodeSettings Resolve(NodeSettings settings, string wd) => settings with
    {
        Storage = settings.Storage with
        {
            StoragePath = Path.GetFullPath(settings.Storage.StoragePath, wd),
            SnapshotsPath = Path.GetFullPath(settings.Storage.SnapshotsPath, wd),
        },
        Service = settings.Service with { StaticContentDir = Path.GetFullPath(settings.Service.StaticContentDir, wd) },
        Tls = settings.Tls! with
        {
            Cert = Path.GetFullPath(settings.Tls!.Cert, wd),
            Key = Path.GetFullPath(settings.Tls.Key, wd),
            CaCert = Path.GetFullPath(settings.Tls.CaCert!, wd),
        },
        Audit = settings.Audit with { Dir = Path.GetFullPath(settings.Audit.Dir, wd) },
    };
}
