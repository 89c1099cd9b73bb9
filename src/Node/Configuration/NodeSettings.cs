namespace Citadel.Node.Configuration;

/// <summary>
/// The node's whole configuration after all layers are merged and validated. Immutable; a
/// <c>new NodeSettings()</c> holds the built-in defaults (paths still relative until loaded).
/// </summary>
public sealed record NodeSettings
{
    /// <summary>Console log level (<c>log_level</c>).</summary>
    public NodeLogLevel LogLevel { get; init; } = NodeLogLevel.Info;

    /// <summary>Log format and optional log file (<c>logger</c>).</summary>
    public LoggerSettings Logger { get; init; } = new();

    /// <summary>Data directories and collection defaults (<c>storage</c>).</summary>
    public StorageSettings Storage { get; init; } = new();

    /// <summary>Public REST/gRPC endpoints and API keys (<c>service</c>).</summary>
    public ServiceSettings Service { get; init; } = new();

    /// <summary>Distributed mode (<c>cluster</c>).</summary>
    public ClusterSettings Cluster { get; init; } = new();

    /// <summary>Certificate files (<c>tls</c>); null only when a layer sets <c>tls: null</c>, as Qdrant allows.</summary>
    public TlsSettings? Tls { get; init; } = new();

    /// <summary>Audit log (<c>audit</c>).</summary>
    public AuditSettings Audit { get; init; } = new();

    /// <summary>True when usage reporting is off (<c>telemetry_disabled</c> or <c>--disable-telemetry</c>).</summary>
    public bool TelemetryDisabled { get; init; }
}
