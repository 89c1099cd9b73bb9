using Citadel.Storage.Search;
using Citadel.Storage.Vectors;

namespace Citadel.Tests.Unit.Query;

/// <summary>
/// An independent reference for the engine's answers: plain double-precision loops over the same vectors, written
/// from Qdrant's definitions, never calling the engine's kernels or scorers.
/// </summary>
internal static class Reference
{
    public static float[] Normalize(float[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return norm == 0 ? v : v.Select(x => (float)(x / norm)).ToArray();
    }

    public static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    /// <summary>What the collection stores: Cosine vectors normalised, others as sent.</summary>
    public static float[] Stored(Distance distance, float[] v) => distance == Distance.Cosine ? Normalize(v) : v;

    /// <summary>Qdrant's internal similarity (larger is closer): dot, or the negated squared Euclidean distance.</summary>
    public static double Raw(Distance distance, float[] query, float[] stored) => distance switch
    {
        Distance.Euclid => -query.Zip(stored, (x, y) => ((double)x - y) * ((double)x - y)).Sum(),
        _ => Dot(Stored(distance, query), stored),
    };

    /// <summary>The score a nearest search reports.</summary>
    public static double Reported(Distance distance, float[] query, float[] stored) =>
        distance == Distance.Euclid ? Math.Sqrt(-Raw(distance, query, stored)) : Raw(distance, query, stored);

    public static double FastSigmoid(double x) => x / (1 + Math.Abs(x));

    public static double ScaledSigmoid(double x) => 0.5 * (FastSigmoid(x) + 1);

    /// <summary>Every candidate with its reference score, best first (ties by id).</summary>
    public static List<(ulong Id, double Score)> Rank(IEnumerable<TestPoint> candidates, Func<TestPoint, double> score, bool higherIsBetter = true)
    {
        var ranked = candidates.Select(p => (p.Id, Score: score(p))).ToList();
        ranked.Sort((a, b) =>
        {
            var c = higherIsBetter ? b.Score.CompareTo(a.Score) : a.Score.CompareTo(b.Score);
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        });
        return ranked;
    }

    /// <summary>
    /// The hits are the reference's top <paramref name="limit"/>: scores within 1e-4 (the engine computes in single
    /// precision) and ids equal rank by rank, except between candidates whose reference scores tie within 1e-5.
    /// </summary>
    public static void AssertTop(IReadOnlyList<ScoredPoint> hits, List<(ulong Id, double Score)> ranked, int limit)
    {
        var expected = ranked.Take(limit).ToList();
        Assert.Equal(expected.Count, hits.Count);
        var scores = ranked.ToDictionary(r => r.Id, r => r.Score);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(hits[i].Score - expected[i].Score) < 1e-4, $"rank {i}: score {hits[i].Score}, expected {expected[i].Score}");
            if (hits[i].Id.Num != expected[i].Id)
            {
                Assert.True(scores.TryGetValue(hits[i].Id.Num, out var own) && Math.Abs(own - expected[i].Score) < 1e-5, $"rank {i}: id {hits[i].Id}, expected {expected[i].Id}");
            }
        }
    }
}
