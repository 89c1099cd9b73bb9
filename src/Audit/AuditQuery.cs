using Citadel.Common.Errors;

namespace Citadel.Audit;

/// <summary>
/// A query over the audit trail (<c>POST /audit/logs</c>, and what a peer answers for the cluster-wide query):
/// entries with <see cref="From"/> ≤ timestamp &lt; <see cref="To"/> whose fields equal every filter, newest first,
/// at most <see cref="Limit"/>. A filter on an unknown or wrongly-cased field matches nothing, as in Qdrant.
/// </summary>
public sealed record AuditQuery(int Limit, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyDictionary<string, string> Filters)
{
    /// <summary>Qdrant's default limit.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Qdrant's largest limit.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Checks the limit (422 like Qdrant).</summary>
    public AuditQuery Validated() => Limit is < 1 or > MaxLimit
        ? throw CitadelException.Validation($"limit: value {Limit} invalid, must be from 1 to {MaxLimit}")
        : this;

    /// <summary>True when some filter names a field entries never have: nothing can match.</summary>
    public bool MatchesNothing => Filters.Keys.Any(k => !AuditEventJson.FilterableFields.Contains(k));
}
