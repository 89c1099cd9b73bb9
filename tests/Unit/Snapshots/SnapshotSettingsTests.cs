using Citadel.Tests.Unit.Configuration;

namespace Citadel.Tests.Unit.Snapshots;

public sealed class SnapshotSettingsTests : IDisposable
{
    private readonly TempWorkingDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void SnapshotLimitsAndAllowedNetworks_AreReadFromTheEnvironment()
    {
        var settings = Load.WithEnvironment(
            dir.Path,
            ("QDRANT__STORAGE__SNAPSHOTS_CONFIG__MAX_UPLOAD_SIZE_MB", "12"),
            ("QDRANT__STORAGE__SNAPSHOTS_CONFIG__MIN_FREE_DISK_MB", "0"),
            ("QDRANT__STORAGE__SNAPSHOTS_CONFIG__URL_RECOVERY_ALLOWED_NETWORKS", "127.0.0.1,10.1.0.0/16")).Settings.Storage.Snapshots;

        Assert.Equal(12, settings.MaxUploadSizeMb);
        Assert.Equal(0, settings.MinFreeDiskMb);
        Assert.Equal(["127.0.0.1", "10.1.0.0/16"], settings.UrlRecoveryAllowedNetworks);
    }

    [Fact]
    public void AllowedNetworkThatIsNotAnAddressOrCidr_FailsStartUp()
    {
        var error = Load.Failure(dir.Path, ("QDRANT__STORAGE__SNAPSHOTS_CONFIG__URL_RECOVERY_ALLOWED_NETWORKS", "localhost"));

        Assert.Contains("storage.snapshots_config.url_recovery_allowed_networks", error.Message, StringComparison.Ordinal);
        Assert.Contains("`localhost` is neither", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroUploadLimit_FailsStartUp() =>
        Assert.Contains("max_upload_size_mb", Load.Failure(dir.Path, ("QDRANT__STORAGE__SNAPSHOTS_CONFIG__MAX_UPLOAD_SIZE_MB", "0")).Message, StringComparison.Ordinal);
}
