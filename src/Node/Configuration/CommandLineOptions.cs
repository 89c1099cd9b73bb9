namespace Citadel.Node.Configuration;

/// <summary>The node's command line after parsing and validation (flags of Qdrant's <c>qdrant</c> binary).</summary>
public sealed record CommandLineOptions
{
    /// <summary>This peer's p2p URI as other peers reach it (<c>--uri</c>, env <c>QDRANT_URI</c>).</summary>
    public Uri? Uri { get; init; }

    /// <summary>p2p URI of a peer to join (<c>--bootstrap</c>, env <c>QDRANT_BOOTSTRAP</c>); null = found a new cluster.</summary>
    public Uri? Bootstrap { get; init; }

    /// <summary>Extra configuration file (<c>--config-path</c>), as given (relative to the working directory).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Collections to recover from snapshot files at start-up (<c>--snapshot PATH:NAME</c>, repeatable).</summary>
    public IReadOnlyList<CollectionSnapshotArgument> Snapshots { get; init; } = [];

    /// <summary>Full storage snapshot to recover at start-up (<c>--storage-snapshot</c>); takes precedence over <see cref="Snapshots"/>.</summary>
    public string? StorageSnapshot { get; init; }

    /// <summary>Replace existing collections when recovering snapshots (<c>-f</c>, <c>--force-snapshot</c>).</summary>
    public bool ForceSnapshot { get; init; }

    /// <summary>Disable usage reporting (<c>--disable-telemetry</c>).</summary>
    public bool DisableTelemetry { get; init; }

    /// <summary>Run the stack-trace helper and exit (<c>--stacktrace</c>).</summary>
    public bool Stacktrace { get; init; }

    /// <summary>Reinitialise consensus state (<c>--reinit</c>).</summary>
    public bool Reinit { get; init; }

    /// <summary>Non-fatal notes from parsing (e.g. a bootstrap URI equal to our own was dropped).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
