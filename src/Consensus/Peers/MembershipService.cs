using System.Text.Json;
using Citadel.Consensus.Membership;
using Citadel.Consensus.Peers.Protocol;
using Citadel.Consensus.Raft;
using Citadel.Consensus.State;
using DotNext.Net.Cluster.Consensus.Raft;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Citadel.Consensus.Peers;

/// <summary>
/// The server side of <c>citadel.cluster.Membership</c>: joins, proposals and apply barriers. Requests that need the
/// leader are forwarded to it once (a second hop is refused, so a stale leader view cannot loop); the caller retries.
/// Every field is checked: peers are authenticated, but a bug or a compromised peer must not corrupt the state.
/// </summary>
public sealed partial class MembershipService(
    RaftNode raft,
    PeerChannels channels,
    ClusterProposer proposer,
    bool peerTls,
    Func<ServerCallContext, string, bool> callerMayClaimHost,
    ILogger<MembershipService> logger) : Protocol.Membership.MembershipBase
{
    private const string HopHeader = "x-citadel-forwarded";
    private const ulong MaxPeerId = (1UL << 53) - 1;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public override async Task<JoinReply> Join(JoinRequest request, ServerCallContext context)
    {
        var uri = PeerEndPoints.TryParse(request.Uri)
            ?? throw Invalid("`uri` must be an absolute http(s) URI with a host and port and nothing else");
        if (uri.Scheme != (peerTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp))
        {
            throw Invalid(peerTls ? "peer URIs must use https:// because cluster.p2p.enable_tls is true" : "peer URIs must use http:// because cluster.p2p.enable_tls is false");
        }

        if (request.PeerId is 0 or > MaxPeerId)
        {
            throw Invalid("`peer_id` must be between 1 and 2^53-1");
        }

        if (request.RestUri.Length > 0 && PeerEndPoints.TryParse(request.RestUri) is null)
        {
            throw Invalid("`rest_uri` must be an absolute http(s) URI");
        }

        if (request.KeyFingerprints.Count > 8 || request.KeyFingerprints.Any(k => k.Key.Length > 32 || k.Value.Length > 64))
        {
            throw Invalid("`key_fingerprints` is malformed");
        }

        if (!IsForwarded(context) && !callerMayClaimHost(context, uri.Host))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"the caller's certificate does not name `{uri.Host}`"));
        }

        if (!raft.IsLeader)
        {
            return await ForwardToLeader(context, (client, options) => client.JoinAsync(request, options).ResponseAsync).ConfigureAwait(false);
        }

        var canonical = PeerEndPoints.Canonical(uri);
        if (raft.State.Peers.TryGetValue(request.PeerId, out var existing) && !string.Equals(existing.Uri, canonical, StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"peer id {request.PeerId} is already used by {existing.Uri}"));
        }

        var endpoint = PeerEndPoints.FromUri(uri);
        if (!raft.Members.Any(m => PeerEndPoints.Comparer.Equals(m, endpoint)))
        {
            LogJoining(logger, request.PeerId, canonical);
            await raft.AddMemberAsync(endpoint, context.CancellationToken).ConfigureAwait(false);
            if (!raft.Members.Any(m => PeerEndPoints.Comparer.Equals(m, endpoint)))
            {
                // DotNext could not catch the newcomer up in its warm-up rounds; the joiner retries.
                throw new RpcException(new Status(StatusCode.Unavailable, "the new peer could not be caught up yet; retry"));
            }
        }

        var keys = request.KeyFingerprints.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
        var peer = new PeerInfo(request.PeerId, canonical, request.RestUri.Length > 0 ? request.RestUri : null, keys);
        await proposer.ProposeOnceAsync(new ClusterCommand(Guid.NewGuid(), CommandKind.AddPeer, Peer: peer), context.CancellationToken).ConfigureAwait(false);
        LogJoined(logger, request.PeerId, canonical);
        var reply = new JoinReply();
        reply.Peers.AddRange(raft.State.Peers.Values.Select(p => new PeerAddress { Id = p.Id, Uri = p.Uri }));
        return reply;
    }

    public override async Task<RemoveReply> Remove(RemoveRequest request, ServerCallContext context)
    {
        if (!raft.State.Peers.TryGetValue(request.PeerId, out var peer))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Peer {request.PeerId} doesn't exist"));
        }

        if (!raft.IsLeader)
        {
            return await ForwardToLeader(context, (client, options) => client.RemoveAsync(request, options).ResponseAsync).ConfigureAwait(false);
        }

        // The state first: once the member is gone this peer may no longer lead, and the entry must not be lost.
        var (_, index) = await proposer.ProposeOnceAsync(new ClusterCommand(Guid.NewGuid(), CommandKind.RemovePeer, PeerId: request.PeerId), context.CancellationToken).ConfigureAwait(false);
        var endpoint = PeerEndPoints.FromUri(new Uri(peer.Uri));
        if (raft.Members.Any(m => PeerEndPoints.Comparer.Equals(m, endpoint)))
        {
            LogRemoving(logger, request.PeerId, peer.Uri);
            await raft.RemoveMemberAsync(endpoint, context.CancellationToken).ConfigureAwait(false);
        }

        return new RemoveReply { Index = index };
    }

    public override async Task<ProposeReply> Propose(ProposeRequest request, ServerCallContext context)
    {
        ClusterCommand command;
        try
        {
            command = ClusterCommand.Decode(request.Command.Span);
        }
        catch (JsonException e)
        {
            throw Invalid($"undecodable command: {e.Message}");
        }

        if (!raft.IsLeader)
        {
            return await ForwardToLeader(context, (client, options) => client.ProposeAsync(request, options).ResponseAsync).ConfigureAwait(false);
        }

        try
        {
            var (result, index) = await raft.ReplicateAsync(command, context.CancellationToken).ConfigureAwait(false);
            return new ProposeReply
            {
                Result = ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(result, ConsensusJson.Default.CommandResult)),
                Index = index,
            };
        }
        catch (NotLeaderException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "leadership moved; retry"));
        }
    }

    public override async Task<WaitAppliedReply> WaitApplied(WaitAppliedRequest request, ServerCallContext context)
    {
        var wait = TimeSpan.FromMilliseconds(Math.Min(request.TimeoutMs, MaxWait.TotalMilliseconds));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(wait);
        var reached = true;
        try
        {
            await raft.WaitForApplyAsync(request.Index, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            reached = false;
        }

        return new WaitAppliedReply { Applied = raft.AppliedIndex, Reached = reached };
    }

    public override Task<StatusReply> Status(StatusRequest request, ServerCallContext context) => Task.FromResult(new StatusReply
    {
        Term = raft.Term,
        Commit = raft.CommitIndex,
        Applied = raft.AppliedIndex,
        LeaderUri = raft.LeaderUri ?? string.Empty,
    });

    private static bool IsForwarded(ServerCallContext context) => context.RequestHeaders.Get(HopHeader) is not null;

    private async Task<T> ForwardToLeader<T>(ServerCallContext context, Func<Protocol.Membership.MembershipClient, CallOptions, Task<T>> call)
    {
        if (IsForwarded(context) || raft.LeaderUri is not { } leader)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "this peer is not the leader and knows no leader; retry"));
        }

        var client = new Protocol.Membership.MembershipClient(channels.For(leader));
        var options = new CallOptions(new Metadata { { HopHeader, "1" } }, context.Deadline, context.CancellationToken);
        return await call(client, options).ConfigureAwait(false);
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    [LoggerMessage(EventId = 620, Level = LogLevel.Information, Message = "Peer {PeerId} at {Uri} asks to join; adding it to the Raft configuration")]
    private static partial void LogJoining(ILogger logger, ulong peerId, string uri);

    [LoggerMessage(EventId = 622, Level = LogLevel.Information, Message = "Removing peer {PeerId} at {Uri} from the Raft configuration")]
    private static partial void LogRemoving(ILogger logger, ulong peerId, string uri);

    [LoggerMessage(EventId = 621, Level = LogLevel.Information, Message = "Peer {PeerId} at {Uri} joined")]
    private static partial void LogJoined(ILogger logger, ulong peerId, string uri);
}
