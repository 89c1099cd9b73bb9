using Citadel.Audit;
using Citadel.Common.Errors;
using Citadel.Node.Security;

namespace Citadel.Node.Api;

/// <summary>
/// <c>POST /audit/logs</c>: this node's entries, merged newest first with every other peer's answer to the same query
/// (<see cref="IAuditPeers"/>), truncated to <c>limit</c> after the merge. A peer that fails or does not answer within
/// the request's timeout is listed as missing instead of failing the whole query: an operator investigating an incident
/// wants what is reachable now.
/// </summary>
internal sealed class AuditApi(AccessAudit audit, string directory, IAuditPeers? peers)
{
    /// <summary>Qdrant's default per-peer timeout (<c>DEFAULT_GRPC_TIMEOUT</c>).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>True in cluster mode: answers carry the list of missing peers.</summary>
    public bool ClusterWide => peers is not null;

    /// <summary>This node's matching entries, newest first, including every entry recorded before the call.</summary>
    public async Task<List<AuditRecord>> QueryLocalAsync(AuditQuery query)
    {
        if (audit.Writer is not { } writer)
        {
            throw CitadelException.BadRequest("Audit logging is not enabled");
        }

        await writer.FlushAsync();
        return AuditReader.Query(directory, query.Validated());
    }

    public async Task<AuditAnswer> QueryAsync(AuditQuery query, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var local = await QueryLocalAsync(query);
        if (peers is null)
        {
            return new AuditAnswer(local, null);
        }

        var remote = await peers.QueryAsync(query.Validated(), timeout ?? DefaultTimeout, cancellationToken);
        return new AuditAnswer(AuditReader.Merge(remote.Entries.Prepend(local), query.Limit), remote.Missing);
    }
}

/// <summary>Merged entries, newest first; <see cref="Missing"/> is null in single-node mode.</summary>
internal sealed record AuditAnswer(List<AuditRecord> Entries, IReadOnlyList<MissingPeer>? Missing);
