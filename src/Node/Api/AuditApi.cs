using Citadel.Audit;
using Citadel.Common.Errors;
using Citadel.Node.Security;

namespace Citadel.Node.Api;

/// <summary>
/// <c>POST /audit/logs</c>: answers from this node's files. The query is the unit a peer answers too, so the cluster
/// fan-out only adds a merge (see <see cref="AuditReader.Merge"/>).
/// </summary>
internal sealed class AuditApi(AccessAudit audit, string directory)
{
    public List<AuditRecord> Query(AuditQuery query)
    {
        if (!audit.Enabled)
        {
            throw CitadelException.BadRequest("Audit logging is not enabled");
        }

        return AuditReader.Query(directory, query.Validated());
    }
}
