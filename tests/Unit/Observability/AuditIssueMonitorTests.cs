using Citadel.Audit;
using Citadel.Node.Observability.Issues;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citadel.Tests.Unit.Observability;

public sealed class AuditIssueMonitorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("citadel-audit-issue-").FullName;

    [Fact]
    public async Task AnAuditWriteFailure_IsAnIssueWhileItLasts()
    {
        var dir = Path.Combine(_root, "audit");
        await using var writer = new AuditWriter(new AuditOptions(dir, AuditRotationPeriod.Daily, 7, AuditFailurePolicy.Drop), TimeProvider.System, NullLogger.Instance);
        var issues = new IssueRegistry(TimeProvider.System);
        var monitor = new AuditIssueMonitor(writer, dir, issues);

        // A file where the audit directory should be makes every write fail.
        Directory.Delete(dir, recursive: true);
        await File.WriteAllTextAsync(dir, "not a directory");
        writer.Record(new AuditEvent { Timestamp = DateTimeOffset.UtcNow, AuthType = "ApiKey", Allowed = true });
        await writer.FlushAsync();
        monitor.Refresh();
        var issue = Assert.Single(issues.VisibleTo(Citadel.Auth.Access.Access.Read));
        Assert.Equal(KnownIssues.AuditWriteFailureCode, issue.Code);
        Assert.Empty(issues.VisibleTo(Citadel.Auth.Access.Access.ForCollections([])));

        File.Delete(dir);
        for (var i = 0; i < 50 && writer.FailureDetail is not null; i++)
        {
            await Task.Delay(100);
        }

        monitor.Refresh();
        Assert.Empty(issues.VisibleTo(Citadel.Auth.Access.Access.Read));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
