using Citadel.Audit;

namespace Citadel.Node.Observability.Issues;

/// <summary>
/// Keeps <see cref="KnownIssues.AuditWriteFailure"/> in step with the audit writer's state. Polled when issues are
/// read, so the audit project needs no reference to the registry.
/// </summary>
internal sealed class AuditIssueMonitor(AuditWriter? writer, string directory, IssueRegistry issues)
{
    public void Refresh()
    {
        if (writer?.FailureDetail is { } failure)
        {
            issues.Submit(KnownIssues.AuditWriteFailure(directory, failure, issues.Now));
        }
        else
        {
            issues.Solve(KnownIssues.AuditWriteFailureCode);
        }
    }
}
