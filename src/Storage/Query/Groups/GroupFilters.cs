using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Query.Groups;

/// <summary>
/// The filters Qdrant's group-by adds between rounds: integer and string group ids go into separate conditions
/// (its <c>values_to_any_variants</c>), excluded with <c>except</c> once full or targeted with <c>any</c> while
/// filling; other ids (u64 beyond i64) cannot be expressed and are left out, as there.
/// </summary>
internal static class GroupFilters
{
    /// <summary>Points whose group-by field has some value (<c>must_not is_empty</c>).</summary>
    public static Filter HasKey(JsonPath groupBy) => new([], [], [new IsEmptyCondition(groupBy)], null);

    /// <summary>Points with a value outside the given (full) groups; null when there is nothing to exclude.</summary>
    public static Filter? OutsideOf(JsonPath groupBy, IEnumerable<GroupId> groups) =>
        Conditions(groupBy, groups, values => new MatchExcept(values));

    /// <summary>Points in one of the given (unfilled) groups; null when there is nothing to target.</summary>
    public static Filter? InsideOf(JsonPath groupBy, IEnumerable<GroupId> groups) =>
        Conditions(groupBy, groups, values => new MatchAny(values));

    private static Filter? Conditions(JsonPath groupBy, IEnumerable<GroupId> groups, Func<IReadOnlyList<MatchScalar>, Match> match)
    {
        var list = groups.ToList();
        var integers = list.Where(g => g.Kind == GroupIdKind.Signed || (g.Kind == GroupIdKind.Unsigned && g.Unsigned <= long.MaxValue))
            .Select(g => MatchScalar.Of(g.Kind == GroupIdKind.Signed ? g.Signed : (long)g.Unsigned)).ToList();
        var strings = list.Where(g => g.Kind == GroupIdKind.String).Select(g => MatchScalar.Of(g.Text!)).ToList();

        var conditions = new List<Condition>();
        if (integers.Count > 0)
        {
            conditions.Add(new FieldCondition(groupBy) { Match = match(integers) });
        }

        if (strings.Count > 0)
        {
            conditions.Add(new FieldCondition(groupBy) { Match = match(strings) });
        }

        return conditions.Count == 0 ? null : new Filter(conditions, [], [], null);
    }
}
