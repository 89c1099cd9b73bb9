using System.Collections.Concurrent;

namespace Citadel.Node.Cluster;

/// <summary>
/// Qdrant's <c>message_send_failures</c> in <c>GET /cluster</c>: per peer URI, how many calls to it failed and the
/// latest error. Fed by Raft (a member became unreachable) and by internal calls (forwarding, fan-out).
/// </summary>
internal sealed class PeerFailures(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _byUri = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raised after each recorded failure (peer URI, error).</summary>
    public event Action<string, string>? Recorded;

    public void Record(string uri, string error)
    {
        var now = time.GetUtcNow();
        _byUri.AddOrUpdate(uri, _ => new Entry(1, error, now), (_, e) => new Entry(e.Count + 1, error, now));
        Recorded?.Invoke(uri, error);
    }

    /// <summary>A snapshot of the failures, by peer URI.</summary>
    public IReadOnlyDictionary<string, Entry> Snapshot() => new SortedDictionary<string, Entry>(_byUri, StringComparer.Ordinal);

    /// <summary>Failures of one peer.</summary>
    public sealed record Entry(long Count, string LatestError, DateTimeOffset LatestErrorTimestamp);
}
