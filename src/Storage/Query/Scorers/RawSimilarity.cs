using Citadel.Storage.Vectors;

namespace Citadel.Storage.Query.Scorers;

/// <summary>
/// Qdrant's internal similarity, before it is turned into a reported score: larger is always closer. Custom
/// objectives (recommend best/sum, discover, context) are computed from it, so their scores match Qdrant's:
/// the dot product for Cosine (vectors are normalised) and Dot, the negated squared distance for Euclid and the
/// negated L1 distance for Manhattan.
/// </summary>
internal static class RawSimilarity
{
    public static float Of(Distance distance, ReadOnlySpan<float> query, ReadOnlySpan<float> stored) => distance switch
    {
        Distance.Cosine or Distance.Dot => DistanceKernels.Dot(query, stored),
        Distance.Euclid => -DistanceKernels.L2Squared(query, stored),
        Distance.Manhattan => -DistanceKernels.Manhattan(query, stored),
        _ => throw new ArgumentOutOfRangeException(nameof(distance)),
    };
}
