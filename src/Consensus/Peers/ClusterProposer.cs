using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Consensus.Peers.Protocol;
using Citadel.Consensus.Raft;
using Citadel.Consensus.State;
using Google.Protobuf;
using Grpc.Core;
using Polly.Timeout;

namespace Citadel.Consensus.Peers;

/// <summary>
/// Gets a command replicated from any node: the leader replicates it itself, a follower sends it to the leader over
/// the peer port. Leadership changes and unreachable leaders are retried with the same command id, which the state
/// machine applies at most once, until the timeout.
/// </summary>
public sealed class ClusterProposer(RaftNode raft, PeerChannels channels)
{
    /// <summary>Replicates <paramref name="command"/> and returns its result and the log index it was applied at.</summary>
    public async Task<(CommandResult Result, long Index)> ProposeAsync(ClusterCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await PeerResilience.WhileLeadershipSettles(timeout)
                .ExecuteAsync(async ct => await ProposeOnceAsync(command, ct).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            throw new CitadelException(ErrorKind.Timeout, $"Operation '{command.Kind}' timed out after {timeout.TotalSeconds:0.###} seconds: no leader accepted it (is a majority of peers up?)");
        }
    }

    /// <summary>One attempt: locally when leader, else at the leader this node knows.</summary>
    public async Task<(CommandResult Result, long Index)> ProposeOnceAsync(ClusterCommand command, CancellationToken cancellationToken)
    {
        if (raft.IsLeader)
        {
            return await raft.ReplicateAsync(command, cancellationToken).ConfigureAwait(false);
        }

        var leader = raft.LeaderUri ?? throw new NoLeaderException();
        var client = new Protocol.Membership.MembershipClient(channels.For(leader));
        var reply = await client.ProposeAsync(
            new ProposeRequest { Command = ByteString.CopyFrom(command.Encode()) },
            new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken)).ConfigureAwait(false);
        var result = JsonSerializer.Deserialize(reply.Result.Span, ConsensusJson.Default.CommandResult)
            ?? throw new RpcException(new Status(StatusCode.Internal, "empty proposal result"));
        return (result, reply.Index);
    }
}
