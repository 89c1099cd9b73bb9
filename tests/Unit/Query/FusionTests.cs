using Citadel.Common.Errors;
using Citadel.Storage.Points;
using Citadel.Storage.Query.Fusion;
using Citadel.Storage.Search;

namespace Citadel.Tests.Unit.Query;

public sealed class FusionTests
{
    [Fact]
    public void Rrf_SumsOneOverPositionPlusK_AsQdrantsReference()
    {
        var fused = Rrf.Fuse([List((2, 0.9f), (1, 0.8f)), List((1, 0.7f), (2, 0.6f), (3, 0.5f)), List((5, 0.9f), (3, 0.5f), (1, 0.4f))], 2, null);

        // The values of Qdrant's own test: 1/2 + 1/3 + 1/4 for point 1, 1/2 + 1/3 for point 2, …
        Assert.Equal([1UL, 2UL, 3UL, 5UL], fused.Select(p => p.Id.Num));
        Assert.Equal([1.0833334f, 0.8333334f, 0.5833334f, 0.5f], fused.Select(p => p.Score));
    }

    [Fact]
    public void Rrf_WithLargerK_FlattensTheRanks()
    {
        var fused = Rrf.Fuse([List((1, 1f), (2, 1f))], 60, null);

        Assert.Equal(1.0 / 60, fused[0].Score, 6);
        Assert.Equal(1.0 / 61, fused[1].Score, 6);
    }

    [Fact]
    public void Rrf_Weights_CompressThePositionsOfTheHeavierSource()
    {
        var fused = Rrf.Fuse([List((1, 0.9f), (2, 0.8f)), List((2, 0.9f), (1, 0.8f))], 2, [3f, 1f]);

        // Point 2: 1/(2/3 + 1) + 1/2 = 1.1; point 1: 1/(1/3 + 1) + 1/3 = 1.0833.
        Assert.Equal(2UL, fused[0].Id.Num);
        Assert.Equal(1.1f, fused[0].Score, 5);
        Assert.Equal(1.0833334f, fused[1].Score, 5);
    }

    [Fact]
    public void Rrf_ZeroWeight_ContributesNothing()
    {
        var fused = Rrf.Fuse([List((1, 0.9f)), List((2, 0.9f))], 2, [1f, 0f]);

        Assert.Equal(0.5f, fused.Single(p => p.Id.Num == 1).Score);
        Assert.Equal(0f, fused.Single(p => p.Id.Num == 2).Score);
    }

    [Fact]
    public void Rrf_WeightCountOtherThanSourceCount_IsWrongInput()
    {
        var e = Assert.Throws<CitadelException>(() => Rrf.Fuse([List((1, 1f)), List((2, 1f))], 2, [1f, 2f, 3f]));

        Assert.Equal("Wrong input: Number of weights in RRF should match number of pre-fetches: got 3, expected 2", e.Message);
    }

    [Fact]
    public void Dbsf_NormalisesEachSourceByThreeSampleSigmas_AndSumsPerPoint()
    {
        var a = List((1, 0.9f), (2, 0.7f), (3, 0.2f), (4, 0.1f));
        var b = List((3, 10f), (5, 4f), (1, -2f));

        var fused = Dbsf.Fuse([a, b]);

        var expected = new Dictionary<ulong, double>();
        foreach (var source in new[] { a, b })
        {
            var mean = source.Average(p => (double)p.Score);
            var sigma = Math.Sqrt(source.Sum(p => Math.Pow(p.Score - mean, 2)) / (source.Count - 1));
            foreach (var p in source)
            {
                expected[p.Id.Num] = expected.GetValueOrDefault(p.Id.Num) + ((p.Score - (mean - (3 * sigma))) / (6 * sigma));
            }
        }

        Assert.Equal(expected.OrderByDescending(kv => kv.Value).Select(kv => kv.Key), fused.Select(p => p.Id.Num));
        Assert.All(fused, p => Assert.Equal(expected[p.Id.Num], p.Score, 4));
    }

    [Fact]
    public void Dbsf_LoneOrIdenticalScores_NormaliseToOneHalf()
    {
        Assert.Equal([0.5f], Dbsf.Normalise(List((1, 42f))));
        Assert.Equal([0.5f, 0.5f], Dbsf.Normalise(List((1, 3f), (2, 3f))));
    }

    private static List<ScoredPoint> List(params (int Id, float Score)[] points) =>
        points.Select(p => new ScoredPoint(PointId.FromNum((ulong)p.Id), 0, p.Score, null, null)).ToList();
}
