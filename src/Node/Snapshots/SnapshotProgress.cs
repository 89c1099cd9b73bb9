using System.Diagnostics;

namespace Citadel.Node.Snapshots;

/// <summary>Logs how far a long snapshot write has come, at most every five seconds, so an operator can follow it.</summary>
internal sealed partial class SnapshotProgress(ILogger logger, string snapshot, long totalBytes) : IProgress<long>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private long _last = Stopwatch.GetTimestamp();

    public void Report(long value)
    {
        if (Stopwatch.GetElapsedTime(_last) < Interval)
        {
            return;
        }

        _last = Stopwatch.GetTimestamp();
        var percent = totalBytes > 0 ? 100.0 * value / totalBytes : 100.0;
        LogProgress(logger, snapshot, value, totalBytes, percent);
    }

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Snapshot {Snapshot}: {Bytes} of {Total} bytes written ({Percent:F0} %)")]
    private static partial void LogProgress(ILogger logger, string snapshot, long bytes, long total, double percent);
}
