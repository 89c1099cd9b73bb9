using Citadel.Audit;
using Citadel.Common.Errors;
using Citadel.Node.Api;
using Citadel.Node.Cluster.Forwarding;
using Citadel.Node.Cluster.Protocol;
using Grpc.Core;

namespace Citadel.Node.Cluster.Peer;

/// <summary>
/// <c>citadel.peer.PeerInternal</c> on the peer port: runs REST requests other peers forwarded (their access already
/// decided) and answers the audit query of a peer's <c>POST /audit/logs</c> fan-out.
/// </summary>
internal sealed class PeerInternalService(ClusterNode cluster, RestInvoker rest, AuditApi audit) : PeerInternal.PeerInternalBase
{
    public override async Task<RestReply> ForwardRest(RestCall request, ServerCallContext context)
    {
        await cluster.WaitAppliedAsync(request.MinApplied, context.CancellationToken);
        return await rest.InvokeAsync(request, new ForwardedCall(DecidedAccessCodec.Decode(request.Access)), context.CancellationToken);
    }

    public override async Task<AuditLogReply> GetAuditLog(AuditLogRequest request, ServerCallContext context)
    {
        AuditQuery query;
        try
        {
            query = new AuditQuery(
                request.Limit == 0 ? AuditQuery.DefaultLimit : (int)Math.Min(request.Limit, AuditQuery.MaxLimit),
                Time(request.TimeFrom),
                Time(request.TimeTo),
                request.Filters.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));
        }
        catch (FormatException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "time_from and time_to must be RFC 3339 timestamps"));
        }

        List<AuditRecord> entries;
        try
        {
            entries = await audit.QueryLocalAsync(query);
        }
        catch (CitadelException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }

        var reply = new AuditLogReply();
        reply.Entries.AddRange(entries.Select(e => e.Json));
        return reply;
    }

    private static DateTimeOffset? Time(string value) =>
        value.Length == 0 ? null : DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
}
