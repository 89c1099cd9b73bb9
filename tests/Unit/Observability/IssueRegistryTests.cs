using Citadel.Auth.Access;
using Citadel.Node.Observability.Issues;
using Citadel.Tests.Shared;

namespace Citadel.Tests.Unit.Observability;

public sealed class IssueRegistryTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    [Fact]
    public void AnIssue_IsReportedOnce_UntilSolved()
    {
        var issues = new IssueRegistry(new ManualTime(T0));
        Assert.True(issues.Submit(KnownIssues.PeerUnreachable(7, "http://p7:6335", "connection refused", T0)));
        Assert.False(issues.Submit(KnownIssues.PeerUnreachable(7, "http://p7:6335", "timeout", T0)));
        Assert.True(issues.IsOpen(KnownIssues.PeerUnreachableCode(7)));
        Assert.True(issues.Solve(KnownIssues.PeerUnreachableCode(7)));
        Assert.False(issues.Solve(KnownIssues.PeerUnreachableCode(7)));
    }

    [Fact]
    public void ScopedAccess_SeesIssuesOfListedCollectionsOnly_GlobalSeesAll()
    {
        var issues = new IssueRegistry(new ManualTime(T0));
        issues.Submit(KnownIssues.UnindexedField("a", "color", "keyword", T0));
        issues.Submit(KnownIssues.UnindexedField("b", "color", "keyword", T0));
        issues.Submit(KnownIssues.AuditWriteFailure("/audit", "disk full", T0));

        var scoped = Access.ForCollections([new CollectionAccess("a", CollectionAccessMode.PointsReadWrite)]);
        Assert.Equal(["UNINDEXED_FIELD,a,color,keyword"], issues.VisibleTo(scoped).Select(i => i.Code));
        Assert.Equal(3, issues.VisibleTo(Access.Read).Count);
        issues.Clear();
        Assert.Empty(issues.VisibleTo(Access.Manage));
    }
}
