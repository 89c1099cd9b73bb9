using System.Globalization;
using System.Text;
using Citadel.Audit;
using Citadel.Node.Api;
using Citadel.Node.Cluster.Protocol;
using Grpc.Core;

namespace Citadel.Node.Cluster.Peer;

/// <summary>
/// The cluster side of <c>POST /audit/logs</c>: the same query to every other member over the peer port, in parallel,
/// each bounded by the request's timeout. Answers are peer input: entries without a readable timestamp are dropped and
/// a peer never contributes more than <c>limit</c> entries.
/// </summary>
internal sealed class ClusterAuditPeers(ClusterNode cluster) : IAuditPeers
{
    public async Task<AuditPeerAnswers> QueryAsync(AuditQuery query, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new AuditLogRequest
        {
            TimeFrom = query.From?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty,
            TimeTo = query.To?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty,
            Limit = (ulong)query.Limit,
        };
        foreach (var (field, value) in query.Filters)
        {
            request.Filters[field] = value;
        }

        var others = cluster.State.Peers.Values.Where(p => p.Id != cluster.Self.Id).ToList();
        var calls = others.Select(p => AskAsync(p.Id, p.Uri, request, query.Limit, timeout, cancellationToken)).ToList();
        var results = await Task.WhenAll(calls);
        return new AuditPeerAnswers(
            [.. results.Where(r => r.Entries is not null).Select(r => r.Entries!)],
            [.. results.Where(r => r.Missing is not null).Select(r => r.Missing!)]);
    }

    private async Task<(IReadOnlyList<AuditRecord>? Entries, MissingPeer? Missing)> AskAsync(
        ulong id, string uri, AuditLogRequest request, int limit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await new PeerInternal.PeerInternalClient(cluster.Channels.For(uri))
                .GetAuditLogAsync(request, deadline: DateTime.UtcNow.Add(timeout), cancellationToken: cancellationToken);
            var entries = new List<AuditRecord>(Math.Min(limit, reply.Entries.Count));
            foreach (var json in reply.Entries.Take(limit))
            {
                if (AuditEventJson.ReadTimestamp(Encoding.UTF8.GetBytes(json)) is { } timestamp)
                {
                    entries.Add(new AuditRecord(timestamp, json));
                }
            }

            return (entries, null);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            var error = e.StatusCode == StatusCode.DeadlineExceeded ? $"no answer within {timeout.TotalSeconds:0.###} s" : $"{e.StatusCode}: {e.Status.Detail}";
            if (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                cluster.Failures.Record(uri, error);
            }

            return (null, new MissingPeer(id, uri, error));
        }
    }
}
