using System.Collections.Concurrent;
using Citadel.Auth.Access;

namespace Citadel.Node.Observability.Issues;

/// <summary>
/// The node's open issues (<c>GET /issues</c>). Detectors <see cref="Submit"/> a problem when they see it and
/// <see cref="Solve"/> it when it is gone; <c>DELETE /issues</c> clears all, and a problem still present is then
/// reported again by its detector. Thread-safe; the cluster reports unreachable peers through the same calls
/// (<see cref="KnownIssues.PeerUnreachable"/>).
/// </summary>
internal sealed class IssueRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Issue> _issues = new(StringComparer.Ordinal);

    /// <summary>The clock issues are stamped with.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Opens an issue; false when one with the same code is open already (its first report is kept).</summary>
    public bool Submit(Issue issue) => _issues.TryAdd(issue.Code, issue);

    /// <summary>Closes an issue; false when it was not open.</summary>
    public bool Solve(string code) => _issues.TryRemove(code, out _);

    /// <summary>True when an issue with this code is open.</summary>
    public bool IsOpen(string code) => _issues.ContainsKey(code);

    public void Clear() => _issues.Clear();

    /// <summary>The open issues <paramref name="access"/> may see, oldest first.</summary>
    public List<Issue> VisibleTo(Access access) =>
        [.. _issues.Values
            .Where(i => access.Global is not null || (i.Collection is { } c && access.ModeFor(c) is not null))
            .OrderBy(i => i.Timestamp)
            .ThenBy(i => i.Code, StringComparer.Ordinal)];
}
