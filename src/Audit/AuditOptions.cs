namespace Citadel.Audit;

/// <summary>How audit files are cut: one per UTC day or per UTC hour.</summary>
public enum AuditRotationPeriod
{
    /// <summary><c>audit.YYYY-MM-DD.log</c>.</summary>
    Daily,

    /// <summary><c>audit.YYYY-MM-DD-HH.log</c>.</summary>
    Hourly,
}

/// <summary>What happens to audited requests while entries cannot be written (disk full, directory unwritable).</summary>
public enum AuditFailurePolicy
{
    /// <summary>Refuse audited requests (503) until writing works again: nothing happens that is not recorded.</summary>
    Refuse,

    /// <summary>Serve requests and count the entries that were lost.</summary>
    Drop,
}

/// <summary>Settings of the audit trail (Qdrant's <c>audit.*</c> plus Citadel's failure policy).</summary>
public sealed record AuditOptions(
    string Directory,
    AuditRotationPeriod Rotation,
    int MaxLogFiles,
    AuditFailurePolicy FailurePolicy = AuditFailurePolicy.Refuse,
    int JournalBytes = AuditJournal.DefaultBytes);
