namespace Citadel.Node.Configuration;

/// <summary>The <c>storage.hnsw_index</c> section: default HNSW parameters of new collections.</summary>
public sealed record HnswSettings
{
    /// <summary>Edges per node; 0 disables the graph.</summary>
    public int M { get; init; } = 16;

    /// <summary>Neighbours considered while building.</summary>
    public int EfConstruct { get; init; } = 100;

    /// <summary>Kilobytes of matching vector data below which a filtered search scans instead.</summary>
    public long FullScanThresholdKb { get; init; } = 10000;

    /// <summary>Index-building threads; 0 = automatic.</summary>
    public int MaxIndexingThreads { get; init; }

    /// <summary>Keep the graph on disk.</summary>
    public bool OnDisk { get; init; }

    /// <summary>M of payload-index graphs; null = <see cref="M"/>.</summary>
    public int? PayloadM { get; init; }
}
