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

    /// <summary>Record the API (<c>rest</c>/<c>grpc</c>) in each entry.</summary>
    public bool LogApi { get; init; } = true;
}

/// <summary>Audit file rotation period.</summary>
public enum AuditRotation
{
    /// <summary>One file per day.</summary>
    Daily,

    /// <summary>One file per hour.</summary>
    Hourly,
}
