using Citadel.Node.Observability.Requests;
using Citadel.Tests.Shared;

namespace Citadel.Tests.Unit.Observability;

public sealed class RequestStatsTests
{
    [Fact]
    public void Statistics_AreKeptPerEndpointAndStatus_WithMinMaxTotalAndFailures()
    {
        var stats = new RequestStats(new ManualTime(DateTimeOffset.UnixEpoch));
        stats.Record("GET /collections", "200", null, TimeSpan.FromMilliseconds(2), failed: false);
        stats.Record("GET /collections", "200", null, TimeSpan.FromMilliseconds(4), failed: false);
        stats.Record("GET /collections", "401", null, TimeSpan.FromMilliseconds(1), failed: true);

        var ok = stats.Responses()["GET /collections"]["200"];
        Assert.Equal(2, ok.Count);
        Assert.Equal(0, ok.FailCount);
        Assert.Equal(2000, ok.MinMicros);
        Assert.Equal(4000, ok.MaxMicros);
        Assert.Equal(3000, ok.AvgMicros);
        Assert.Equal(6000, ok.TotalMicros);
        Assert.Equal(DateTimeOffset.UnixEpoch, ok.LastResponded);
        Assert.Equal(1, stats.Responses()["GET /collections"]["401"].FailCount);
    }

    [Fact]
    public void Average_FollowsTheLatest128Responses()
    {
        var stats = new OperationStats();
        for (var i = 0; i < 128; i++)
        {
            stats.Record(TimeSpan.FromMilliseconds(100), false, DateTimeOffset.UnixEpoch);
        }

        for (var i = 0; i < 128; i++)
        {
            stats.Record(TimeSpan.FromMilliseconds(1), false, DateTimeOffset.UnixEpoch);
        }

        var s = stats.Snapshot();
        Assert.Equal(1000, s.AvgMicros!.Value, 3);
        Assert.Equal(100_000, s.MaxMicros);
    }

    [Fact]
    public void PerCollection_IsFilteredByVisibility()
    {
        var stats = new RequestStats(TimeProvider.System);
        stats.Record("GET /collections/{collection_name}", "200", "a", TimeSpan.FromMilliseconds(1), false);
        stats.Record("GET /collections/{collection_name}", "200", "b", TimeSpan.FromMilliseconds(1), false);
        Assert.Equal(["a"], stats.PerCollection(c => c == "a").Keys);
    }

    [Fact]
    public void Prune_ForgetsCollectionsThatNoLongerExist()
    {
        var stats = new RequestStats(TimeProvider.System);
        stats.Record("GET /collections/{collection_name}", "200", "gone", TimeSpan.FromMilliseconds(1), false);
        stats.Record("GET /collections/{collection_name}", "200", "kept", TimeSpan.FromMilliseconds(1), false);
        stats.Prune(c => c == "kept");
        Assert.Equal(["kept"], stats.PerCollection(_ => true).Keys);
        Assert.Equal(2, stats.Responses()["GET /collections/{collection_name}"]["200"].Count);
    }
}
