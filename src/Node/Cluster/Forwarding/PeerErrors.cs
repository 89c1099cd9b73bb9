using Citadel.Common.Errors;
using Grpc.Core;

namespace Citadel.Node.Cluster.Forwarding;

/// <summary>How failures of the peer holding a collection reach the caller: as Qdrant's "shard unavailable" (503).</summary>
internal static class PeerErrors
{
    public static CitadelException Unreachable(ulong peer, string collection, RpcException e) => e.StatusCode switch
    {
        StatusCode.DeadlineExceeded => new CitadelException(ErrorKind.Timeout, $"peer {peer}, which holds collection `{collection}`, did not answer in time"),
        _ => new CitadelException(ErrorKind.Unavailable, $"peer {peer}, which holds collection `{collection}`, cannot be reached ({e.StatusCode})"),
    };
}
