namespace Citadel.Node.Observability.Requests;

/// <summary>
/// Counts and durations of one kind of response (endpoint and status), Qdrant's
/// <c>OperationDurationStatistics</c>: the average covers the latest 128 responses so that it follows current
/// behaviour, minimum, maximum and total cover all of them.
/// </summary>
internal sealed class OperationStats
{
    private const int RecentWindow = 128;

    private readonly object _gate = new();
    private readonly double[] _recent = new double[RecentWindow];
    private int _recentCount;
    private int _next;
    private long _count;
    private long _failCount;
    private double _min = double.MaxValue;
    private double _max;
    private double _totalMicros;
    private DateTimeOffset? _lastResponded;

    public void Record(TimeSpan elapsed, bool failed, DateTimeOffset now)
    {
        var micros = elapsed.TotalMicroseconds;
        lock (_gate)
        {
            _count++;
            if (failed)
            {
                _failCount++;
            }

            _min = Math.Min(_min, micros);
            _max = Math.Max(_max, micros);
            _totalMicros += micros;
            _recent[_next] = micros;
            _next = (_next + 1) % RecentWindow;
            _recentCount = Math.Min(_recentCount + 1, RecentWindow);
            _lastResponded = now;
        }
    }

    public OperationStatsSnapshot Snapshot()
    {
        lock (_gate)
        {
            double? avg = null;
            if (_recentCount > 0)
            {
                var sum = 0.0;
                for (var i = 0; i < _recentCount; i++)
                {
                    sum += _recent[i];
                }

                avg = sum / _recentCount;
            }

            return new OperationStatsSnapshot(
                _count,
                _failCount,
                avg,
                _count == 0 ? null : _min,
                _count == 0 ? null : _max,
                (long)_totalMicros,
                _lastResponded);
        }
    }
}

/// <summary>A consistent copy of <see cref="OperationStats"/>; durations in microseconds.</summary>
internal sealed record OperationStatsSnapshot(
    long Count,
    long FailCount,
    double? AvgMicros,
    double? MinMicros,
    double? MaxMicros,
    long TotalMicros,
    DateTimeOffset? LastResponded);
