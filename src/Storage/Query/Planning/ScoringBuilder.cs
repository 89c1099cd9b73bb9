using Citadel.Common.Errors;
using Citadel.Storage.Collections;
using Citadel.Storage.Query.Scorers;
using Citadel.Storage.Vectors;

namespace Citadel.Storage.Query.Planning;

/// <summary>
/// Turns a query variant into what a plan scores by: referenced ids become their stored vectors, every vector is
/// checked and preprocessed for the searched vector (normalised for Cosine), and <c>average_vector</c> becomes a
/// nearest query on <c>avg(pos) + (avg(pos) − avg(neg))</c>, as in Qdrant.
/// </summary>
internal sealed class ScoringBuilder(Collection collection, ReferencedVectors references)
{
    public Scoring? Build(QueryVariant? query, string vectorName, LookupLocation? lookup)
    {
        var level = new QueryLevel(query, vectorName, lookup);
        return query switch
        {
            null => null,
            NearestQuery n => Vector(vectorName, p => new NearestScorer(p.Distance, Prepare(p, Required(n.Target, level)))),
            RecommendQuery r => Recommend(r, level),
            DiscoverQuery d => Vector(vectorName, p => new DiscoverScorer(p.Distance, Prepare(p, Required(d.Target, level)), Pairs(d.Context, level, p))),
            ContextQuery c => Vector(vectorName, p => new ContextScorer(p.Distance, Pairs(c.Pairs, level, p))),
            OrderByQuery o => new OrderByScoring(o.OrderBy),
            FusionQuery f => new FusionScoring(f),
            SampleQuery => new SampleScoring(),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.GetType().Name, "unknown query variant"),
        };
    }

    private VectorScoring Vector(string vectorName, Func<VectorParams, Search.IVectorScorer> scorer) =>
        new(vectorName, scorer(Collection.RequireVectorName(collection.Config.Params.Vectors, vectorName)));

    private VectorScoring Recommend(RecommendQuery r, QueryLevel level) => Vector(level.Using, p =>
    {
        // Ids whose point lacks the vector are skipped here, as Qdrant's resolver does for recommendations.
        var positives = r.Positive.Select(v => Optional(v, level)).OfType<float[]>().Select(v => Prepare(p, v)).ToList();
        var negatives = r.Negative.Select(v => Optional(v, level)).OfType<float[]>().Select(v => Prepare(p, v)).ToList();
        return r.Strategy switch
        {
            RecommendStrategy.BestScore => new BestScoreScorer(p.Distance, positives, negatives),
            RecommendStrategy.SumScores => new SumScoresScorer(p.Distance, positives, negatives),
            _ => new NearestScorer(p.Distance, Prepare(p, AverageVector(positives, negatives))),
        };
    });

    /// <summary>Qdrant's <c>avg_vector_for_recommendation</c> over preprocessed examples.</summary>
    internal static float[] AverageVector(IReadOnlyList<float[]> positives, IReadOnlyList<float[]> negatives)
    {
        if (positives.Count == 0)
        {
            throw CitadelException.BadInput("Positive vectors should not be empty with `average` strategy");
        }

        var positive = Average(positives);
        if (negatives.Count == 0)
        {
            return positive;
        }

        var negative = Average(negatives);
        for (var i = 0; i < positive.Length; i++)
        {
            positive[i] = positive[i] + positive[i] - negative[i];
        }

        return positive;
    }

    private static float[] Average(IReadOnlyList<float[]> vectors)
    {
        var sum = new float[vectors[0].Length];
        foreach (var v in vectors)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += v[i];
            }
        }

        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] /= vectors.Count;
        }

        return sum;
    }

    private List<VectorPair> Pairs(IReadOnlyList<ContextPair> pairs, QueryLevel level, VectorParams p) =>
        pairs.Select(pair => new VectorPair(Prepare(p, Required(pair.Positive, level)), Prepare(p, Required(pair.Negative, level)))).ToList();

    private float[] Required(VectorInput input, QueryLevel level) =>
        Optional(input, level) ?? throw CitadelException.NotFound($"Vector with name \"{level.LookupVector}\" for point not found");

    private float[]? Optional(VectorInput input, QueryLevel level) =>
        input.Vector ?? references.Get(level.LookupFrom, level.LookupVector, input.Id!.Value);

    private static float[] Prepare(VectorParams p, float[] vector) => Collection.PrepareVector(p, vector);
}
