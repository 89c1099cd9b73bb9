using Citadel.Storage.Index.Hnsw;
using Citadel.Storage.Vectors;

namespace Citadel.Tests.Unit.Index;

/// <summary>Recall@10 of the graph against brute force, at Qdrant's defaults (m 16, ef_construct 100, ef = ef_construct).</summary>
public sealed class HnswRecallTests
{
    [Theory]
    [InlineData(20_000, 128)]
    [InlineData(5_000, 768)]
    public void Recall_AtDefaultSettings_IsAbove95Percent(int count, int dim)
    {
        var vectors = ClusteredGaussian.Generate(count, dim, clusters: 100, seed: 1);
        var queries = ClusteredGaussian.Generate(100, dim, clusters: 100, seed: 2);
        var index = IndexTestData.Build(IndexTestData.SealedSegment(vectors));

        var (truth, found) = Run(index, vectors, queries, Distance.Cosine, index.Parameters.EfConstruct);

        var recall = IndexTestData.Recall(truth, found);
        Assert.True(recall > 0.95, $"recall@10 {recall:F4}");
        Assert.Equal(count, index.IndexedCount);
    }

    [Theory]
    [InlineData(Distance.Euclid)]
    [InlineData(Distance.Dot)]
    [InlineData(Distance.Manhattan)]
    public void Recall_ForEveryDistance_IsAbove95Percent(Distance distance)
    {
        var vectors = ClusteredGaussian.Generate(3_000, 32, clusters: 20, seed: 3);
        var queries = ClusteredGaussian.Generate(50, 32, clusters: 20, seed: 4);
        var index = IndexTestData.Build(IndexTestData.SealedSegment(vectors), distance);

        var (truth, found) = Run(index, vectors, queries, distance, 64);

        Assert.True(IndexTestData.Recall(truth, found) > 0.95);
    }

    [Fact]
    public void SingleThreadedBuilds_AreDeterministic()
    {
        var vectors = ClusteredGaussian.Generate(2_000, 16, clusters: 10, seed: 5);
        var a = IndexTestData.Build(IndexTestData.SealedSegment(vectors), threads: 1).Graph;
        var b = IndexTestData.Build(IndexTestData.SealedSegment(vectors), threads: 1).Graph;

        Assert.Equal(a.Level0, b.Level0);
        Assert.Equal(a.Upper, b.Upper);
        Assert.Equal(a.EntryPoint, b.EntryPoint);
    }

    [Fact]
    public void LayerZero_HasAtMostTwoMLinksAndUpperLayersAtMostM()
    {
        var vectors = ClusteredGaussian.Generate(3_000, 16, clusters: 10, seed: 6);
        var graph = IndexTestData.Build(IndexTestData.SealedSegment(vectors), m: 8).Graph;

        for (var node = 0; node < graph.NodeCount; node++)
        {
            Assert.InRange(graph.Links(node, 0).Length, 1, 16);
            for (var level = 1; level <= graph.Levels[node]; level++)
            {
                Assert.True(graph.Links(node, level).Length <= 8);
            }
        }

        Assert.True(graph.MaxLevel >= 1, "3,000 nodes with m 8 should reach layer 1");
    }

    internal static (List<int[]> Truth, List<int[]> Found) Run(HnswIndex index, float[][] vectors, float[][] queries, Distance distance, int ef)
    {
        var truth = new List<int[]>();
        var found = new List<int[]>();
        var all = default(AcceptAll);
        foreach (var q in queries)
        {
            truth.Add(IndexTestData.TrueTop(vectors, q, 10, distance: distance));
            found.Add(index.Search(q, 10, ef, ref all, null).Select(h => h.Node).ToArray());
        }

        return (truth, found);
    }
}
