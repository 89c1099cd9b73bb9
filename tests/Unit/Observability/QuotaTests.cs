using Citadel.Node.Observability.Quotas;

namespace Citadel.Tests.Unit.Observability;

public sealed class QuotaTests : IDisposable
{
    private readonly string _storage = Directory.CreateTempSubdirectory("citadel-quota-").FullName;

    [Fact]
    public void AppliedConfig_SurvivesARestart()
    {
        new QuotaStore(_storage).Apply(new QuotaConfig(true, 80, null, 0));
        Assert.Equal(new QuotaConfig(true, 80, null, 0), new QuotaStore(_storage).Current);
        Assert.False(File.Exists(Path.Combine(_storage, QuotaStore.FileName + ".tmp")));
    }

    [Fact]
    public void WithoutAFile_QuotasAreDisabled()
    {
        Assert.Equal(QuotaConfig.Default, new QuotaStore(_storage).Current);
    }

    [Fact]
    public void Exceeded_IsNullWhereNotEnforced_AndComparesWhereItIs()
    {
        var usage = new QuotaUsage(ResidentMemoryPercent: 50, DiskUsagePercent: null);
        Assert.Equal((null, null), usage.Exceeded(new QuotaConfig(false, 10, 10, null)));
        Assert.Equal((true, null), usage.Exceeded(new QuotaConfig(true, 50, 10, null)));
        Assert.Equal((false, null), usage.Exceeded(new QuotaConfig(true, 51, null, null)));
    }

    public void Dispose() => Directory.Delete(_storage, recursive: true);
}
