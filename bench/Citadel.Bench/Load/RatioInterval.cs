namespace Citadel.Bench.Load;

/// <summary>
/// How sure a configuration comparison is. Processes with identical settings differ by several percent, and
/// processes started and measured side by side (one group: the i-th process of every arm) share part of that, so the
/// comparison is paired: each group gives one ratio, arm over baseline, and the result is their mean with a 95 %
/// interval from 10,000 bootstrap resamples of the groups (2.5th to 97.5th percentile). With few groups the
/// bootstrap understates the spread; use eight or more when the interval is the result.
/// </summary>
internal static class RatioInterval
{
    private const int Resamples = 10_000;

    /// <summary>Mean of the per-group ratios, and its 95 % interval.</summary>
    public static (double Mean, double Low, double High) Of(IReadOnlyList<double> ratios)
    {
        // Seeded: the same measurements always print the same interval.
        var random = new Random(11);
        var means = new double[Resamples];
        for (var i = 0; i < Resamples; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < ratios.Count; j++)
            {
                sum += ratios[random.Next(ratios.Count)];
            }

            means[i] = sum / ratios.Count;
        }

        Array.Sort(means);
        return (ratios.Average(), means[(int)(Resamples * 0.025)], means[(int)(Resamples * 0.975) - 1]);
    }
}
