namespace Citadel.Node.Configuration;

/// <summary>The <c>storage.wal</c> section: write-ahead log defaults of new collections.</summary>
public sealed record WalSettings
{
    /// <summary>Size of one WAL segment, in megabytes.</summary>
    public int WalCapacityMb { get; init; } = 32;

    /// <summary>Segments created ahead of need.</summary>
    public int WalSegmentsAhead { get; init; }

    /// <summary>Closed segments kept after they are no longer needed.</summary>
    public int WalRetainClosed { get; init; } = 1;
}
