using Citadel.Storage.Filtering;
using Citadel.Storage.Points;

namespace Citadel.Storage.Query;

/// <summary>Filter combinations the engine adds to what the caller asked for.</summary>
internal static class Filters
{
    /// <summary>Both filters; null stands for "everything".</summary>
    public static Filter? And(Filter? a, Filter? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        _ => new Filter([new FilterCondition(a), new FilterCondition(b)], [], [], null),
    };

    /// <summary><paramref name="filter"/> without the listed ids.</summary>
    public static Filter? Without(Filter? filter, IReadOnlyCollection<PointId> ids) =>
        ids.Count == 0 ? filter : And(filter, new Filter([], [], [new HasIdCondition(ids as IReadOnlySet<PointId> ?? ids.ToHashSet())], null));

    /// <summary>Only the listed ids.</summary>
    public static Filter Only(IReadOnlyCollection<PointId> ids) =>
        Filter.MustAll(new HasIdCondition(ids as IReadOnlySet<PointId> ?? ids.ToHashSet()));
}
