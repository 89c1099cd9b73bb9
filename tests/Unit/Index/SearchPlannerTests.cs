using Citadel.Storage.Filtering;
using Citadel.Storage.Index;
using Citadel.Storage.Payloads;
using Citadel.Storage.Vectors;

namespace Citadel.Tests.Unit.Index;

/// <summary>The exact-scan-or-graph decision and the sampled cardinality estimate behind it.</summary>
public sealed class SearchPlannerTests
{
    private static readonly float[][] Vectors = ClusteredGaussian.Generate(10_000, 8, clusters: 5, seed: 31);
    private static readonly Citadel.Storage.Segments.Segment Big = IndexTestData.SealedSegment(Vectors);

    // 256 KB = 8,192 vectors of 8 floats.
    private static readonly VectorIndexSpec Spec = new(Distance.Cosine, 8, 16, 100, 256, 1);

    [Fact]
    public void SmallSegments_AreCountedExactly()
    {
        var small = IndexTestData.SealedSegment(Vectors[..1_000]);
        small.Delete(3);

        var estimate = new SampledCardinalityEstimator().Estimate(small, BucketBelow(10));

        Assert.Equal(CardinalityEstimate.Exact(99), estimate);
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(30, 0.3)]
    [InlineData(90, 0.1)]
    public void SampledEstimates_BracketTheTrueCount(int percent, double tolerance)
    {
        var estimate = new SampledCardinalityEstimator().Estimate(Big, BucketBelow(percent));
        var truth = Vectors.Length * percent / 100;

        Assert.InRange(truth, estimate.Min, estimate.Max);
        // 256 samples: a 1% filter is a handful of hits, so only the interval is meaningful there.
        Assert.InRange(estimate.Expected, truth * (1 - tolerance), truth * (1 + tolerance));
    }

    [Fact]
    public void SelectiveFilters_ScanAndBroadFiltersTakeTheGraph()
    {
        var store = Big.Vectors[string.Empty];

        Assert.False(SearchPlanner.UseGraph(Big, store, BucketBelow(5), Spec));
        Assert.True(SearchPlanner.UseGraph(Big, store, BucketBelow(95), Spec));
        Assert.True(SearchPlanner.UseGraph(Big, store, null, Spec));
        Assert.False(SearchPlanner.UseGraph(Big, store, null, Spec with { FullScanThresholdKb = 1_000 }));
        Assert.False(SearchPlanner.UseGraph(Big, store, null, Spec with { M = 0 }));
    }

    [Fact]
    public void IndexedOnly_CountsWhatAFilterLeavesToScan()
    {
        var store = Big.Vectors[string.Empty];

        // 10,000 × 32 bytes = 312.5 KB in all; a 1% filter leaves ~3 KB.
        Assert.False(SearchPlanner.SmallEnoughForUnindexed(Big, store, null, 100 * 1024));
        Assert.True(SearchPlanner.SmallEnoughForUnindexed(Big, store, BucketBelow(1), 100 * 1024));
    }

    private static Filter BucketBelow(int percent) =>
        Filter.MustAll(new FieldCondition(JsonPath.Parse("bucket")) { Range = new NumericRange(percent, null, null, null) });
}
