namespace Citadel.Audit;

/// <summary>Counters of the audit writer, for metrics and diagnostics.</summary>
public sealed class AuditStats
{
    private long _written;
    private long _dropped;
    private long _writeErrors;

    /// <summary>Entries written to files.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Entries lost (queue full or writes failing under the drop policy).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Failed attempts to write a batch.</summary>
    public long WriteErrors => Interlocked.Read(ref _writeErrors);

    /// <summary>Entries waiting to be written.</summary>
    public int QueueDepth { get; internal set; }

    internal void AddWritten(int n) => Interlocked.Add(ref _written, n);

    internal void AddDropped(int n) => Interlocked.Add(ref _dropped, n);

    internal void AddWriteError() => Interlocked.Increment(ref _writeErrors);
}
