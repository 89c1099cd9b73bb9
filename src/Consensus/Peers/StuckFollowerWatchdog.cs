using Citadel.Consensus.Peers.Protocol;
using Citadel.Consensus.Raft;
using Citadel.Consensus.State;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Citadel.Consensus.Peers;

/// <summary>
/// Heals DotNext's InstallSnapshot livelock (dotnext-raft-notes P1): a follower that installed a snapshot whose
/// acknowledgement the leader missed rejects every retry of that snapshot, never hears a valid heartbeat and stays
/// leaderless, while the leader retries forever. A newer snapshot ends it. So a member that has seen no leader for a
/// few seconds asks a peer who the leader is and, if there is one, proposes <see cref="CommandKind.Compact"/>, which
/// makes every peer write a snapshot at that entry. Harmless when the cause is a real partition: nobody answers.
/// </summary>
public sealed partial class StuckFollowerWatchdog : IAsyncDisposable
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LeaderlessFor = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan NudgeEvery = TimeSpan.FromSeconds(10);

    private readonly RaftNode _raft;
    private readonly PeerChannels _channels;
    private readonly string _selfUri;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public StuckFollowerWatchdog(RaftNode raft, PeerChannels channels, string selfUri, ILogger logger)
    {
        _raft = raft;
        _channels = channels;
        _selfUri = selfUri;
        _logger = logger;
        _loop = RunAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(CheckEvery);
        var leaderless = TimeSpan.Zero;
        var sinceNudge = NudgeEvery;
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            sinceNudge += CheckEvery;
            leaderless = _raft.Leader is null ? leaderless + CheckEvery : TimeSpan.Zero;
            if (leaderless < LeaderlessFor || sinceNudge < NudgeEvery)
            {
                continue;
            }

            sinceNudge = TimeSpan.Zero;
            await NudgeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task NudgeAsync(CancellationToken cancellationToken)
    {
        foreach (var peer in _raft.State.Peers.Values.Where(p => !string.Equals(p.Uri, _selfUri, StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                var status = await new Protocol.Membership.MembershipClient(_channels.For(peer.Uri))
                    .StatusAsync(new StatusRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                if (status.LeaderUri.Length == 0 || string.Equals(status.LeaderUri, _selfUri, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var compact = new ClusterCommand(Guid.NewGuid(), CommandKind.Compact);
                await new Protocol.Membership.MembershipClient(_channels.For(status.LeaderUri))
                    .ProposeAsync(new ProposeRequest { Command = ByteString.CopyFrom(compact.Encode()) }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                LogNudged(_logger, status.LeaderUri);
                return;
            }
            catch (RpcException)
            {
                // That peer cannot tell or the leader cannot take it now: try the next one, or again later.
            }
        }
    }

    [LoggerMessage(EventId = 630, Level = LogLevel.Warning, Message = "No leader reached this peer for a while although {Leader} leads: asked it for a fresh snapshot to catch up")]
    private static partial void LogNudged(ILogger logger, string leader);
}
