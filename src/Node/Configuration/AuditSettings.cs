namespace Citadel.Node.Configuration;

/// <summary>The <c>audit</c> section: structured log of access-checked requests.</summary>
public sealed record AuditSettings
{
    /// <summary>Write the audit log.</summary>
    public bool Enabled { get; init; }

    /// <summary>Absolute directory of the audit files (relative paths resolve against the working directory, not storage).</summary>
    public string Dir { get; init; } = "./storage/audit";

    /// <summary>When a new file is started.</summary>
    public AuditRotation Rotation { get; init; } = AuditRotation.Daily;

    /// <summary>Files kept; always at least 1.</summary>
    public int MaxLogFiles { get; init; } = 7;

    /// <summary>Take the client address from <c>Forwarded</c>/<c>X-Forwarded-For</c>.</summary>
    public bool TrustForwardedHeaders { get; init; }

    /// <summary>Record the request path (REST) or method (gRPC) as <c>api</c> in each entry.</summary>
    public bool LogApi { get; init; } = true;

    /// <summary>Citadel only: what audited requests get while entries cannot be written.</summary>
    public AuditFailureMode FailurePolicy { get; init; } = AuditFailureMode.Refuse;
}

/// <summary>Policy while the audit log cannot be written (<c>audit.on_write_failure</c>).</summary>
public enum AuditFailureMode
{
    /// <summary>Refuse audited requests with 503 until writing works again (nothing happens unrecorded).</summary>
    Refuse,

    /// <summary>Serve requests and count the lost entries.</summary>
    Drop,
}

/// <summary>Audit file rotation period.</summary>
public enum AuditRotation
{
    /// <summary>One file per day.</summary>
    Daily,

    /// <summary>One file per hour.</summary>
    Hourly,
}
