using Citadel.Storage.Index.Hnsw;
using Citadel.Storage.Segments;

namespace Citadel.Tests.Unit.Index;

/// <summary>Filtered and deletion-aware graph traversal: rejected nodes are walked through but never returned.</summary>
public sealed class HnswFilteredSearchTests
{
    private static readonly float[][] Vectors = ClusteredGaussian.Generate(10_000, 64, clusters: 50, seed: 11);
    private static readonly float[][] Queries = ClusteredGaussian.Generate(60, 64, clusters: 50, seed: 12);
    private static readonly HnswIndex Index = IndexTestData.Build(IndexTestData.SealedSegment(Vectors));

    [Theory]
    [InlineData(50, 0.95)]
    [InlineData(10, 0.95)]
    [InlineData(2, 0.90)]
    public void FilteredRecall_StaysHighAcrossSelectivities(int percent, double minimum)
    {
        var truth = new List<int[]>();
        var found = new List<int[]>();
        var filter = new BucketBelow(percent);
        foreach (var q in Queries)
        {
            truth.Add(IndexTestData.TrueTop(Vectors, q, 10, o => o % 100 < percent));
            var hits = Index.Search(q, 10, 100, ref filter, null);
            Assert.All(hits, h => Assert.True(h.Node % 100 < percent));
            found.Add(hits.Select(h => h.Node).ToArray());
        }

        var recall = IndexTestData.Recall(truth, found);
        Assert.True(recall >= minimum, $"filtered recall@10 at {percent}%: {recall:F4}");
    }

    [Fact]
    public void DeletedPoints_AreNeverReturned_YetTheirNeighboursStillAre()
    {
        var deleted = new BitSet(Vectors.Length);
        for (var o = 0; o < Vectors.Length; o += 2)
        {
            deleted.Set(o);
        }

        var all = default(AcceptAll);
        var truth = new List<int[]>();
        var found = new List<int[]>();
        foreach (var q in Queries)
        {
            truth.Add(IndexTestData.TrueTop(Vectors, q, 10, o => !deleted.Get(o)));
            var hits = Index.Search(q, 10, 100, ref all, deleted);
            Assert.All(hits, h => Assert.False(deleted.Get(h.Node)));
            found.Add(hits.Select(h => h.Node).ToArray());
        }

        Assert.True(IndexTestData.Recall(truth, found) > 0.95);
    }

    [Fact]
    public void FilterMatchingNothing_ReturnsNothing()
    {
        var none = new BucketBelow(0);
        Assert.Empty(Index.Search(Queries[0], 10, 100, ref none, null));
    }

    [Fact]
    public void PointsDeletedBeforeTheBuild_AreLeftOutOfTheGraph()
    {
        var segment = IndexTestData.SealedSegment(Vectors[..500]);
        for (var o = 0; o < 100; o++)
        {
            segment.Delete(o);
        }

        var index = IndexTestData.Build(segment);

        Assert.Equal(400, index.IndexedCount);
        var all = default(AcceptAll);
        var hits = index.Search(Vectors[5], 10, 50, ref all, null);
        Assert.DoesNotContain(hits, h => h.Node < 100);
    }

    private readonly struct BucketBelow(int percent) : IOffsetFilter
    {
        public bool Accepts(int offset) => offset % 100 < percent;
    }
}
