using Citadel.Storage.Collections;
using Citadel.Storage.Filtering;

namespace Citadel.Node.Observability.Issues;

/// <summary>
/// Reports <see cref="KnownIssues.UnindexedField"/> when a read filters on a payload field that has no index in a
/// collection of at least <see cref="MinPoints"/> points: below that a scan is cheap and an index would not pay.
/// The index type is inferred from the condition (Qdrant does the same). Conditions inside <c>nested</c> are not
/// inspected, because their index path (<c>key[].field</c>) depends on the nesting.
/// </summary>
internal sealed class UnindexedFieldDetector(IssueRegistry issues)
{
    public const int MinPoints = 1000;

    public void Inspect(Collection collection, Filter? filter)
    {
        if (filter is null || collection.PointCount < MinPoints)
        {
            return;
        }

        var schema = collection.PayloadSchema;
        foreach (var (field, type) in Fields(filter))
        {
            // Filtered reads are a hot path: once the issue is open, do not build it again only to have it ignored.
            if (schema.Find(field.Key) is null && !issues.IsOpen(KnownIssues.UnindexedFieldCode(collection.Name, field.Key.Text, type)))
            {
                issues.Submit(KnownIssues.UnindexedField(collection.Name, field.Key.Text, type, issues.Now));
            }
        }
    }

    /// <summary>The field conditions of a filter (outside <c>nested</c>) with the index type each would use.</summary>
    internal static IEnumerable<(FieldCondition Condition, string Type)> Fields(Filter filter)
    {
        var conditions = filter.Must.Concat(filter.Should).Concat(filter.MustNot).Concat(filter.MinShould?.Conditions ?? []);
        foreach (var condition in conditions)
        {
            switch (condition)
            {
                case FieldCondition field when IndexType(field) is { } type:
                    yield return (field, type);
                    break;
                case FilterCondition inner:
                    foreach (var found in Fields(inner.Filter))
                    {
                        yield return found;
                    }

                    break;
            }
        }
    }

    private static string? IndexType(FieldCondition c) => c switch
    {
        { Match: MatchValue v } => Scalar(v.Value.Kind),
        { Match: MatchAny { Values: [var first, ..] } } => Scalar(first.Kind),
        { Match: MatchExcept { Values: [var first, ..] } } => Scalar(first.Kind),
        { Match: MatchText or MatchTextAny or MatchPhrase } => "text",
        { Match: MatchPrefix } => "keyword",
        { Range: not null } => "float",
        { DatetimeRange: not null } => "datetime",
        { GeoBoundingBox: not null } or { GeoRadius: not null } or { GeoPolygon: not null } => "geo",
        _ => null,
    };

    private static string Scalar(MatchScalarKind kind) => kind switch
    {
        MatchScalarKind.Integer => "integer",
        MatchScalarKind.Bool => "bool",
        _ => "keyword",
    };
}
