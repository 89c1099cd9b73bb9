using Citadel.Node.Observability.Issues;

namespace Citadel.Node.Cluster;

/// <summary>
/// Turns failed calls to a peer into a <c>PEER_UNREACHABLE</c> issue (<c>GET /issues</c>), and solves it once no call
/// to that peer failed for <see cref="QuietFor"/>, or once the peer is no longer a member (a removed peer never answers
/// again, and its issue would otherwise stay open for good).
/// </summary>
internal sealed class PeerIssueReporter : IAsyncDisposable
{
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(15);
    private readonly ClusterNode _cluster;
    private readonly IssueRegistry _issues;
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, byte> _reported = new();
    private readonly Task _loop;

    public PeerIssueReporter(ClusterNode cluster, IssueRegistry issues)
    {
        _cluster = cluster;
        _issues = issues;
        cluster.Failures.Recorded += OnFailure;
        _loop = SolveLoopAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _cluster.Failures.Recorded -= OnFailure;
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private void OnFailure(string uri, string error)
    {
        if (_cluster.IsRunning && _cluster.State.Peers.Values.FirstOrDefault(p => string.Equals(p.Uri, uri, StringComparison.OrdinalIgnoreCase)) is { } peer)
        {
            _reported[peer.Id] = 0;
            _issues.Submit(KnownIssues.PeerUnreachable(peer.Id, uri, error, _issues.Now));
        }
    }

    private async Task SolveLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (!_cluster.IsRunning)
            {
                continue;
            }

            var members = _cluster.State.Peers;
            foreach (var id in _reported.Keys.Where(id => !members.ContainsKey(id)))
            {
                _issues.Solve(KnownIssues.PeerUnreachableCode(id));
                _reported.TryRemove(id, out _);
            }

            var failures = _cluster.Failures.Snapshot();
            foreach (var peer in members.Values)
            {
                var quiet = !failures.TryGetValue(peer.Uri, out var last) || _issues.Now - last.LatestErrorTimestamp >= QuietFor;
                if (quiet)
                {
                    _issues.Solve(KnownIssues.PeerUnreachableCode(peer.Id));
                }
            }
        }
    }
}
