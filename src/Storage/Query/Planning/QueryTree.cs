using Citadel.Storage.Points;

namespace Citadel.Storage.Query.Planning;

/// <summary>One level of a query tree (the root or a prefetch) as far as vector references are concerned.</summary>
internal sealed record QueryLevel(QueryVariant? Query, string Using, LookupLocation? LookupFrom)
{
    /// <summary>The vector the referenced ids are read from: the lookup's vector, else the one the level uses.</summary>
    public string LookupVector => LookupFrom?.Vector ?? Using;
}

/// <summary>Walks a query tree: its levels and the point ids their queries reference.</summary>
internal static class QueryTree
{
    /// <summary>The root level, then every prefetch level depth-first, in request order.</summary>
    public static IEnumerable<QueryLevel> Levels(QueryRequest request)
    {
        yield return new QueryLevel(request.Query, request.Using, request.LookupFrom);
        foreach (var level in request.Prefetches.SelectMany(Levels))
        {
            yield return level;
        }
    }

    /// <summary>Deepest chain of nested prefetches under the root (0 without prefetches).</summary>
    public static int Depth(IReadOnlyList<Prefetch> prefetches) => prefetches.Count == 0 ? 0 : 1 + prefetches.Max(p => Depth(p.Prefetches));

    /// <summary>Point ids the query stands for by their stored vectors, in request order.</summary>
    public static IEnumerable<PointId> ReferencedIds(QueryVariant? query) => Inputs(query).Where(v => v.Id is not null).Select(v => v.Id!.Value);

    /// <summary>The ids referenced on the searched collection itself, which Qdrant keeps out of the results.</summary>
    public static HashSet<PointId> IdsReferencedOn(QueryRequest request, string collection) =>
        Levels(request)
            .Where(l => l.LookupFrom is null || string.Equals(l.LookupFrom.Collection, collection, StringComparison.Ordinal))
            .SelectMany(l => ReferencedIds(l.Query))
            .ToHashSet();

    private static IEnumerable<Prefetch> Flatten(Prefetch p) => p.Prefetches.SelectMany(Flatten).Prepend(p);

    private static IEnumerable<QueryLevel> Levels(Prefetch prefetch) =>
        Flatten(prefetch).Select(p => new QueryLevel(p.Query, p.Using, p.LookupFrom));

    private static IEnumerable<VectorInput> Inputs(QueryVariant? query) => query switch
    {
        NearestQuery n => [n.Target],
        RecommendQuery r => r.Positive.Concat(r.Negative),
        DiscoverQuery d => d.Context.SelectMany(p => new[] { p.Positive, p.Negative }).Prepend(d.Target),
        ContextQuery c => c.Pairs.SelectMany(p => new[] { p.Positive, p.Negative }),
        _ => [],
    };
}
