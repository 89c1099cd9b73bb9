namespace Citadel.Storage.Vectors;

/// <summary>How two vectors are compared. Names and numbering follow Qdrant's <c>Distance</c>.</summary>
public enum Distance
{
    /// <summary>Cosine similarity; stored vectors are normalised so the score is a dot product.</summary>
    Cosine = 1,

    /// <summary>Euclidean distance (smaller is closer).</summary>
    Euclid = 2,

    /// <summary>Dot product (larger is closer).</summary>
    Dot = 3,

    /// <summary>Manhattan (L1) distance (smaller is closer).</summary>
    Manhattan = 4,
}

/// <summary>Scoring rules per <see cref="Distance"/>.</summary>
public static class DistanceExtensions
{
    /// <summary>True when a larger score means a closer vector.</summary>
    public static bool HigherIsBetter(this Distance distance) => distance is Distance.Cosine or Distance.Dot;

    /// <summary>The score Qdrant reports for <paramref name="query"/> against a stored vector.</summary>
    /// <remarks>For cosine both sides must already be normalised (see <see cref="Preprocess"/>).</remarks>
    public static float Score(this Distance distance, ReadOnlySpan<float> query, ReadOnlySpan<float> stored) => distance switch
    {
        Distance.Cosine or Distance.Dot => DistanceKernels.Dot(query, stored),
        Distance.Euclid => MathF.Sqrt(DistanceKernels.L2Squared(query, stored)),
        Distance.Manhattan => DistanceKernels.Manhattan(query, stored),
        _ => throw new ArgumentOutOfRangeException(nameof(distance)),
    };

    /// <summary>Turns a score into a value where larger always means closer (for ordering and heaps).</summary>
    public static float Similarity(this Distance distance, float score) => distance.HigherIsBetter() ? score : -score;

    /// <summary>True when <paramref name="score"/> passes Qdrant's <c>score_threshold</c> for this distance.</summary>
    public static bool PassesThreshold(this Distance distance, float score, float threshold) =>
        distance.HigherIsBetter() ? score >= threshold : score <= threshold;

    /// <summary>Prepares a vector for storage or querying: cosine vectors are normalised in place.</summary>
    public static void Preprocess(this Distance distance, Span<float> vector)
    {
        if (distance == Distance.Cosine)
        {
            DistanceKernels.Normalize(vector);
        }
    }
}
