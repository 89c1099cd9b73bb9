using Citadel.Storage.Vectors;

namespace Citadel.Tests.Unit.Storage;

public sealed class DistanceKernelTests
{
    public static TheoryData<int> Lengths => [1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 100, 128, 384, 768, 1536];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SimdKernels_AgreeWithScalarReference(int length)
    {
        var rng = new Random(length);
        var a = Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        double dot = 0, l2 = 0, l1 = 0;
        for (var i = 0; i < length; i++)
        {
            dot += a[i] * (double)b[i];
            l2 += (a[i] - (double)b[i]) * (a[i] - b[i]);
            l1 += Math.Abs(a[i] - (double)b[i]);
        }

        var tolerance = 1e-4 * Math.Max(1, length);
        Assert.Equal(dot, DistanceKernels.Dot(a, b), tolerance);
        Assert.Equal(l2, DistanceKernels.L2Squared(a, b), tolerance);
        Assert.Equal(l1, DistanceKernels.Manhattan(a, b), tolerance);
    }

    [Fact]
    public void Cosine_IsDotOfNormalisedVectors()
    {
        float[] a = [3, 4];
        float[] b = [4, 3];
        Distance.Cosine.Preprocess(a);
        Distance.Cosine.Preprocess(b);
        Assert.Equal(24f / 25f, Distance.Cosine.Score(a, b), 5);
    }

    [Fact]
    public void Normalize_LeavesAZeroVectorZero()
    {
        float[] zero = [0, 0, 0];
        DistanceKernels.Normalize(zero);
        Assert.All(zero, x => Assert.Equal(0f, x));
    }

    [Theory]
    [InlineData(Distance.Euclid, 1f, 2f, true)]
    [InlineData(Distance.Euclid, 3f, 2f, false)]
    [InlineData(Distance.Dot, 3f, 2f, true)]
    [InlineData(Distance.Cosine, 0.1f, 0.5f, false)]
    [InlineData(Distance.Manhattan, 2f, 2f, true)]
    public void ScoreThreshold_KeepsOnlyCloserResults(Distance distance, float score, float threshold, bool passes) =>
        Assert.Equal(passes, distance.PassesThreshold(score, threshold));

    [Fact]
    public void MismatchedLengths_Throw() =>
        Assert.Throws<ArgumentException>(() => DistanceKernels.Dot(new float[3], new float[4]));
}
