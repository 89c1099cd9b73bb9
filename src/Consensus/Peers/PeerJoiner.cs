using System.Net;
using Citadel.Consensus.Peers.Protocol;
using DotNext.Net.Cluster.Consensus.Raft.Membership;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Citadel.Consensus.Peers;

/// <summary>
/// Joins a new peer through <c>--bootstrap</c>: DotNext starts the member in standby and calls the announcer, which
/// asks the bootstrap peer (forwarded to the leader) to add it. Concurrent joins and leader changes are retried until
/// <c>cluster.consensus.bootstrap_timeout_sec</c>; after that start-up fails instead of forming a separate cluster.
/// </summary>
public static partial class PeerJoiner
{
    public static ClusterMemberAnnouncer<EndPoint> Announcer(Uri bootstrap, JoinRequest request, PeerChannels channels, TimeSpan timeout, ILogger logger) =>
        async (_, _, cancellationToken) =>
        {
            var client = new Protocol.Membership.MembershipClient(channels.For(bootstrap.ToString()));
            try
            {
                await PeerResilience.WhileLeadershipSettles(timeout).ExecuteAsync(
                    async ct =>
                    {
                        try
                        {
                            await client.JoinAsync(request, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: ct)).ConfigureAwait(false);
                        }
                        catch (RpcException e) when (PeerResilience.IsTransient(e))
                        {
                            LogRetrying(logger, bootstrap, e.Status.Detail);
                            throw;
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutRejectedException)
            {
                throw new TimeoutException($"Could not join the cluster through {bootstrap} within {timeout.TotalSeconds:0} s (cluster.consensus.bootstrap_timeout_sec)");
            }
            catch (RpcException e)
            {
                throw new InvalidOperationException($"The bootstrap peer {bootstrap} refused the join: {e.Status.StatusCode}: {e.Status.Detail}", e);
            }
        };

    [LoggerMessage(EventId = 622, Level = LogLevel.Information, Message = "Joining through {Bootstrap} is not possible yet ({Reason}); retrying")]
    private static partial void LogRetrying(ILogger logger, Uri bootstrap, string reason);
}
