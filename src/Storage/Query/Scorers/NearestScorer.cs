using Citadel.Storage.Search;
using Citadel.Storage.Vectors;

namespace Citadel.Storage.Query.Scorers;

/// <summary>Plain distance to one (preprocessed) query vector, reported as Qdrant reports search scores.</summary>
internal sealed class NearestScorer(Distance distance, float[] query) : IVectorScorer
{
    public Distance Distance => distance;

    public float[] Query => query;

    public bool HigherIsBetter => distance.HigherIsBetter();

    public float Score(ReadOnlySpan<float> stored) => distance.Score(query, stored);
}
