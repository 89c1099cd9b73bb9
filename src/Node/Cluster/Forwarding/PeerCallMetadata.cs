using Citadel.Node.Security;
using Grpc.Core;

namespace Citadel.Node.Cluster.Forwarding;

/// <summary>
/// Metadata of public gRPC calls forwarded between peers, and the marker a forwarded call carries on the holder.
/// The holder reads the decided access only on the peer port, where every caller is an authenticated peer.
/// </summary>
internal static class PeerCallMetadata
{
    /// <summary>Binary metadata: the serialised DecidedAccess.</summary>
    public const string Access = "x-citadel-access-bin";

    /// <summary>The forwarding node's applied Raft index.</summary>
    public const string MinApplied = "x-citadel-min-applied";

    private const string MarkerKey = "citadel.forwarded";

    /// <summary>Marks a call as forwarded by a peer, with its decided access (peer server only).</summary>
    public static void MarkForwarded(ServerCallContext context, RequestAuth auth)
    {
        context.UserState[MarkerKey] = new ForwardedCall(auth);
        auth.AttachTo(context);
    }

    public static bool IsForwarded(ServerCallContext context) => context.UserState.ContainsKey(MarkerKey);
}
