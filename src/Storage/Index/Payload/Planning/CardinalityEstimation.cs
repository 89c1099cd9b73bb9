namespace Citadel.Storage.Index.Payload.Planning;

/// <summary>
/// How many live points of a segment match a filter (Qdrant's <c>CardinalityEstimation</c>): always
/// <see cref="Min"/> ≤ exact ≤ <see cref="Max"/>, with <see cref="Expected"/> the best guess between them.
/// </summary>
internal readonly record struct CardinalityEstimation(int Min, int Expected, int Max)
{
    /// <summary>Exactly <paramref name="count"/>.</summary>
    public static CardinalityEstimation Exact(int count) => new(count, count, count);

    /// <summary>Nothing known: between none and all, half expected (Qdrant's <c>unknown</c>).</summary>
    public static CardinalityEstimation Unknown(int total) => new(0, total / 2, total);

    /// <summary>Qdrant's <c>combine_must_estimations</c>: all of them hold.</summary>
    public static CardinalityEstimation AllOf(IReadOnlyList<CardinalityEstimation> estimations, int total)
    {
        long min = total;
        var max = total;
        var probability = 1.0;
        foreach (var e in estimations)
        {
            // Inclusion–exclusion: at least min_a + min_b - total points are in both.
            min = Math.Max(0, min + e.Min - total);
            max = Math.Min(max, e.Max);
            probability *= total == 0 ? 0 : (double)e.Expected / total;
        }

        return estimations.Count == 0 ? new(total, total, total) : Bounded((int)min, Round(probability * total), max);
    }

    /// <summary>Qdrant's <c>combine_should_estimations</c>: at least one of them holds.</summary>
    public static CardinalityEstimation AnyOf(IReadOnlyList<CardinalityEstimation> estimations, int total)
    {
        var min = 0;
        long max = 0;
        var missProbability = 1.0;
        foreach (var e in estimations)
        {
            min = Math.Max(min, e.Min);
            max += e.Max;
            missProbability *= total == 0 ? 1 : 1 - ((double)e.Expected / total);
        }

        var expected = total == 0 ? 0 : Round((1 - missProbability) * total);
        return Bounded(min, expected, (int)Math.Min(max, total));
    }

    /// <summary>Qdrant's <c>combine_min_should_estimations</c>: at least <paramref name="minCount"/> hold.</summary>
    public static CardinalityEstimation AtLeast(IReadOnlyList<CardinalityEstimation> estimations, int minCount, int total)
    {
        if (minCount > estimations.Count)
        {
            return Exact(0);
        }

        if (minCount <= 0)
        {
            return new(total, total, total);
        }

        if (!CombinationsAtMost(estimations.Count, minCount, 100_000))
        {
            // At least k of n lies inside "at least one": its bounds hold, but no lower bound can be claimed.
            var union = AnyOf(estimations, total);
            return new(0, union.Expected, union.Max);
        }

        var intersections = new List<CardinalityEstimation>();
        var chosen = new List<CardinalityEstimation>(minCount);
        Combinations(estimations, minCount, 0, chosen, c => intersections.Add(AllOf(c, total)));
        return AnyOf(intersections, total);
    }

    /// <summary>Qdrant's <c>invert_estimation</c>, for <c>must_not</c>.</summary>
    public CardinalityEstimation Invert(int total) => new(Math.Max(0, total - Max), Math.Max(0, total - Expected), Math.Max(0, total - Min));

    // Rust's f64::round rounds half away from zero.
    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    // Qdrant's formulas keep min ≤ exp ≤ max only approximately; the guess is clamped into the bounds.
    private static CardinalityEstimation Bounded(int min, int expected, int max) =>
        new(Math.Min(min, max), Math.Clamp(expected, Math.Min(min, max), max), max);

    private static bool CombinationsAtMost(int n, int k, long limit)
    {
        k = Math.Min(k, n - k);
        long combinations = 1;
        for (var i = 0; i < k; i++)
        {
            combinations = combinations * (n - i) / (i + 1);
            if (combinations > limit)
            {
                return false;
            }
        }

        return true;
    }

    private static void Combinations(IReadOnlyList<CardinalityEstimation> items, int k, int start, List<CardinalityEstimation> chosen, Action<IReadOnlyList<CardinalityEstimation>> visit)
    {
        if (chosen.Count == k)
        {
            visit(chosen);
            return;
        }

        for (var i = start; i <= items.Count - (k - chosen.Count); i++)
        {
            chosen.Add(items[i]);
            Combinations(items, k, i + 1, chosen, visit);
            chosen.RemoveAt(chosen.Count - 1);
        }
    }
}
