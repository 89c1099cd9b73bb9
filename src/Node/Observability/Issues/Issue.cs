namespace Citadel.Node.Observability.Issues;

/// <summary>
/// A detected problem, Qdrant's <c>IssueRecord</c>. <see cref="Code"/> identifies it (the same problem reported again
/// is not duplicated); <see cref="Collection"/> decides who may see it: a collection-scoped token sees the issues of
/// its collections only, node-wide issues (peers, audit) need global access.
/// </summary>
internal sealed record Issue(string Code, string Description, IssueSolution Solution, DateTimeOffset Timestamp, string? Collection);

/// <summary>How to fix an issue, serialised as Qdrant's externally tagged <c>Solution</c> enum.</summary>
internal abstract record IssueSolution
{
    /// <summary>No solution could be given.</summary>
    public static readonly IssueSolution None = new NoSolution();
}

/// <summary>One request that fixes the issue: <c>{"Immediate": {"message", "action": {"method", "uri", "body"}}}</c>.</summary>
internal sealed record ImmediateSolution(string Message, string Method, string Uri, IReadOnlyDictionary<string, string>? Body) : IssueSolution;

/// <summary>Manual intervention: <c>{"Refactor": "…"}</c>.</summary>
internal sealed record RefactorSolution(string Message) : IssueSolution;

/// <summary><c>"None"</c>.</summary>
internal sealed record NoSolution : IssueSolution;
