using Citadel.Storage.Vectors;

namespace Citadel.Storage.Index.Hnsw;

/// <summary>
/// A closeness measure where larger always means closer. Implemented by structs with a static method so that the
/// JIT specialises graph code per distance and inlines the SIMD kernel: no delegate or switch per comparison.
/// </summary>
internal interface ISimilarity
{
    static abstract float Of(ReadOnlySpan<float> a, ReadOnlySpan<float> b);
}

/// <summary>Dot product: cosine (vectors are stored normalised) and dot distance.</summary>
internal readonly struct DotSimilarity : ISimilarity
{
    public static float Of(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => DistanceKernels.Dot(a, b);
}

/// <summary>Negated squared Euclidean distance: same order as the distance, without the square root.</summary>
internal readonly struct EuclidSimilarity : ISimilarity
{
    public static float Of(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => -DistanceKernels.L2Squared(a, b);
}

/// <summary>Negated Manhattan distance.</summary>
internal readonly struct ManhattanSimilarity : ISimilarity
{
    public static float Of(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => -DistanceKernels.Manhattan(a, b);
}
