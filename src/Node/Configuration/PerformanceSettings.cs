namespace Citadel.Node.Configuration;

/// <summary>The <c>storage.performance</c> section: thread budgets and transfer limits.</summary>
public sealed record PerformanceSettings
{
    /// <summary>Search threads; 0 = automatic.</summary>
    public int MaxSearchThreads { get; init; }

    /// <summary>CPUs per optimization job: 0 automatic, negative = all minus this many, positive = exactly this many.</summary>
    public int OptimizerCpuBudget { get; init; }

    /// <summary>Concurrent update limit in distributed mode; null = automatic.</summary>
    public int? UpdateRateLimit { get; init; }

    /// <summary>Default search timeout in seconds; null = none.</summary>
    public int? SearchTimeoutSec { get; init; }

    /// <summary>Automatic incoming shard transfers per collection; null = unlimited.</summary>
    public int? IncomingShardTransfersLimit { get; init; } = 1;

    /// <summary>Automatic outgoing shard transfers per collection; null = unlimited.</summary>
    public int? OutgoingShardTransfersLimit { get; init; } = 1;

    /// <summary>Use the io_uring based scorer when rescoring (Linux only).</summary>
    public bool AsyncScorer { get; init; }
}
