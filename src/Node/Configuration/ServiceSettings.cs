using System.Text;

namespace Citadel.Node.Configuration;

/// <summary>The <c>service</c> section: public endpoints, limits and API credentials.</summary>
public sealed record ServiceSettings
{
    /// <summary>Listen address of REST, gRPC and the internal API. Citadel defaults to loopback (Qdrant: 0.0.0.0).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>REST port.</summary>
    public int HttpPort { get; init; } = 6333;

    /// <summary>Public gRPC port; null disables public gRPC.</summary>
    public int? GrpcPort { get; init; } = 6334;

    /// <summary>Separate unauthenticated <c>/metrics</c> port; null when not served.</summary>
    public int? MetricsPort { get; init; }

    /// <summary>Largest JSON request body, in megabytes.</summary>
    public int MaxRequestSizeMb { get; init; } = 32;

    /// <summary>API workers: 0 = CPUs − 1 (at least 1), null = <c>storage.performance.max_search_threads</c>.</summary>
    public int? MaxWorkers { get; init; } = 0;

    /// <summary>HTTP keep-alive timeout, in seconds.</summary>
    public int HttpKeepAliveTimeoutSec { get; init; } = 5;

    /// <summary>Timeout for receiving a client's request head, in seconds.</summary>
    public int HttpClientRequestTimeoutSec { get; init; } = 5;

    /// <summary>Timeout for a client to close the connection, in seconds.</summary>
    public int HttpClientDisconnectTimeoutSec { get; init; } = 5;

    /// <summary>Send permissive CORS headers.</summary>
    public bool EnableCors { get; init; } = true;

    /// <summary>Serve REST, public gRPC and metrics over TLS.</summary>
    public bool EnableTls { get; init; }

    /// <summary>Require REST (and metrics) clients to present a certificate signed by <c>tls.ca_cert</c>.</summary>
    public bool VerifyHttpsClientCertificate { get; init; }

    /// <summary>Full-access key and JWT secret; null when unset (an empty value counts as unset).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Second full-access key and JWT secret, for rotation; null when unset.</summary>
    public string? AltApiKey { get; init; }

    /// <summary>Global read-only key; null when unset.</summary>
    public string? ReadOnlyApiKey { get; init; }

    /// <summary>Accept JWTs signed with <see cref="ApiKey"/> or <see cref="AltApiKey"/>.</summary>
    public bool JwtRbac { get; init; }

    /// <summary>Require credentials on the internal (p2p) gRPC port too.</summary>
    public bool EnforceInternalAuth { get; init; }

    /// <summary>Only echoed in telemetry for the web UI; null when unset.</summary>
    public bool? HideJwtDashboard { get; init; }

    /// <summary>Absolute path of the web UI folder.</summary>
    public string StaticContentDir { get; init; } = "./static";

    /// <summary>Serve the web UI at <c>/dashboard</c> when its folder exists.</summary>
    public bool EnableStaticContent { get; init; } = true;

    /// <summary>Queries slower than this many seconds are logged; null when unset.</summary>
    public double? SlowQuerySecs { get; init; }

    /// <summary>Add hardware usage to responses.</summary>
    public bool HardwareReporting { get; init; }

    /// <summary>Prefix of metric names (letters, digits, <c>_</c>); null when unset.</summary>
    public string? MetricsPrefix { get; init; }

    /// <summary>Allow recovering snapshots from http(s) URLs.</summary>
    public bool EnableSnapshotUrlRecovery { get; init; } = true;

    /// <summary>Citadel only: allow listening on a non-loopback address without any API key.</summary>
    public bool AllowInsecurePublicBind { get; init; }

    /// <summary>True when any of the three API keys is set, i.e. requests must authenticate.</summary>
    public bool AuthEnabled => ApiKey is not null || AltApiKey is not null || ReadOnlyApiKey is not null;

    // Records print every property; keys must never reach a log line through ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Host = ").Append(Host)
            .Append(", HttpPort = ").Append(HttpPort)
            .Append(", GrpcPort = ").Append(GrpcPort)
            .Append(", MetricsPort = ").Append(MetricsPort)
            .Append(", MaxRequestSizeMb = ").Append(MaxRequestSizeMb)
            .Append(", MaxWorkers = ").Append(MaxWorkers)
            .Append(", HttpKeepAliveTimeoutSec = ").Append(HttpKeepAliveTimeoutSec)
            .Append(", HttpClientRequestTimeoutSec = ").Append(HttpClientRequestTimeoutSec)
            .Append(", HttpClientDisconnectTimeoutSec = ").Append(HttpClientDisconnectTimeoutSec)
            .Append(", EnableCors = ").Append(EnableCors)
            .Append(", EnableTls = ").Append(EnableTls)
            .Append(", VerifyHttpsClientCertificate = ").Append(VerifyHttpsClientCertificate)
            .Append(", ApiKey = ").Append(Redacted(ApiKey))
            .Append(", AltApiKey = ").Append(Redacted(AltApiKey))
            .Append(", ReadOnlyApiKey = ").Append(Redacted(ReadOnlyApiKey))
            .Append(", JwtRbac = ").Append(JwtRbac)
            .Append(", EnforceInternalAuth = ").Append(EnforceInternalAuth)
            .Append(", HideJwtDashboard = ").Append(HideJwtDashboard)
            .Append(", StaticContentDir = ").Append(StaticContentDir)
            .Append(", EnableStaticContent = ").Append(EnableStaticContent)
            .Append(", SlowQuerySecs = ").Append(SlowQuerySecs)
            .Append(", HardwareReporting = ").Append(HardwareReporting)
            .Append(", MetricsPrefix = ").Append(MetricsPrefix)
            .Append(", EnableSnapshotUrlRecovery = ").Append(EnableSnapshotUrlRecovery)
            .Append(", AllowInsecurePublicBind = ").Append(AllowInsecurePublicBind);
        return true;
    }

    private static string Redacted(string? secret) => secret is null ? "null" : "<redacted>";
}
