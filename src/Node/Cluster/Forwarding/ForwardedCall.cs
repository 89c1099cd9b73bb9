using Citadel.Node.Security;

namespace Citadel.Node.Cluster.Forwarding;

/// <summary>
/// Marks a request that another peer forwarded with its access already decided (an HTTP feature, or an entry in a
/// gRPC call's user state). Only the in-process invokers of <see cref="PeerInternalService"/> set it; nothing read from
/// the network can, so the public gates can trust it and skip authentication and audit (the first peer did both).
/// </summary>
internal sealed record ForwardedCall(RequestAuth Auth);
