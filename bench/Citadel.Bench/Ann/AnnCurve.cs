namespace Citadel.Bench.Ann;

/// <summary>One point of a recall/QPS sweep.</summary>
internal sealed record AnnPoint(int Ef, double Recall, double Qps);

/// <summary>Everything measured for one engine on one dataset.</summary>
internal sealed record AnnEngineResult(string Engine, double BuildSeconds, double? ParallelBuildSeconds, long MemoryBytes, string MemoryNote, IReadOnlyList<AnnPoint> Single, IReadOnlyList<AnnPoint> Multi)
{
    /// <summary>QPS at the smallest swept ef whose recall reaches <paramref name="target"/> (no interpolation), or null.</summary>
    public static double? QpsAt(IReadOnlyList<AnnPoint> curve, double target) =>
        curve.Where(p => p.Recall >= target).OrderBy(p => p.Ef).Select(p => (double?)p.Qps).FirstOrDefault();

    /// <summary>The smallest swept ef whose recall reaches <paramref name="target"/>, or null.</summary>
    public static int? EfAt(IReadOnlyList<AnnPoint> curve, double target) =>
        curve.Where(p => p.Recall >= target).OrderBy(p => p.Ef).Select(p => (int?)p.Ef).FirstOrDefault();
}

/// <summary>Both engines on one dataset.</summary>
internal sealed record AnnDatasetResult(int Count, int Dimension, int Queries, int M, int EfConstruct, int Threads, double GroundTruthSeconds, AnnEngineResult Citadel, AnnEngineResult Hnswlib);
