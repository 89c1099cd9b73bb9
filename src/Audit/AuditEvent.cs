namespace Citadel.Audit;

/// <summary>
/// One access decision, with Qdrant's fields and presence rules: <see cref="Method"/> is absent for requests refused
/// before routing, <see cref="Collection"/> only for collection-scoped checks, <see cref="Error"/> only when denied.
/// </summary>
public sealed record AuditEvent
{
    /// <summary>When the decision was made (UTC).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Qdrant's internal operation name (e.g. <c>upsert_points</c>), or null for pre-routing refusals.</summary>
    public string? Method { get; init; }

    /// <summary>REST path or gRPC method path; null when <c>audit.log_api</c> is off.</summary>
    public string? Api { get; init; }

    /// <summary><c>Jwt</c>, <c>ApiKey</c> or <c>None</c>.</summary>
    public required string AuthType { get; init; }

    /// <summary>The token's <c>subject</c> claim, when present.</summary>
    public string? Subject { get; init; }

    /// <summary>Client address (or the raw forwarded header when trusted).</summary>
    public string? Remote { get; init; }

    /// <summary>The collection the decision was about.</summary>
    public string? Collection { get; init; }

    /// <summary>The request's tracing id, at most 256 characters.</summary>
    public string? TracingId { get; init; }

    /// <summary>True when allowed.</summary>
    public required bool Allowed { get; init; }

    /// <summary>Why it was denied (<c>Forbidden: …</c>, <c>Unauthorized: …</c>).</summary>
    public string? Error { get; init; }

    /// <summary>The <c>result</c> field.</summary>
    public string Result => Allowed ? "ok" : "denied";
}
