using Citadel.Storage.Collections;
using Citadel.Storage.Filtering;

namespace Citadel.Storage.Query.Planning;

/// <summary>
/// Builds the plan of a query the way Qdrant does: the ids referenced on the searched collection are kept out of
/// the results through the root filter, the root filter is merged into every prefetch (and each prefetch's filter
/// into its own prefetches), the root keeps <c>limit + offset</c> candidates, and a random sample without
/// prefetches ignores the offset (its output is not stable anyway).
/// </summary>
internal static class QueryPlanner
{
    public static QueryPlan Plan(Collection collection, QueryRequest request, ReferencedVectors references)
    {
        QueryValidation.Level(request.Query, request.Using, request.Prefetches.Count > 0, request.ScoreThreshold);
        QueryValidation.Depth(request.Prefetches);
        var builder = new ScoringBuilder(collection, references);

        var offset = request.Query is SampleQuery && request.Prefetches.Count == 0 ? 0 : request.Offset;
        var take = (int)Math.Min((long)request.Limit + offset, int.MaxValue);
        var filter = Filters.Without(request.Filter, QueryTree.IdsReferencedOn(request, collection.Name));
        var scoring = builder.Build(request.Query, request.Using, request.LookupFrom);

        PlanNode root;
        if (request.Prefetches.Count == 0)
        {
            QueryValidation.Leaf(scoring);
            root = new PlanNode([], scoring, filter, take, request.ScoreThreshold) { Params = request.Params };
        }
        else
        {
            var sources = request.Prefetches.Select(p => Prefetch(builder, p, filter)).ToList();
            root = new PlanNode(sources, scoring, null, take, request.ScoreThreshold);
        }

        return new QueryPlan(root, offset, request.Limit, request.WithPayload, request.WithVector);
    }

    private static PlanNode Prefetch(ScoringBuilder builder, Prefetch prefetch, Filter? above)
    {
        QueryValidation.Level(prefetch.Query, prefetch.Using, prefetch.Prefetches.Count > 0, prefetch.ScoreThreshold);
        var filter = Filters.And(above, prefetch.Filter);
        var scoring = builder.Build(prefetch.Query, prefetch.Using, prefetch.LookupFrom);
        if (prefetch.Prefetches.Count == 0)
        {
            QueryValidation.Leaf(scoring);
            return new PlanNode([], scoring, filter, prefetch.Limit, prefetch.ScoreThreshold) { Params = prefetch.Params };
        }

        var sources = prefetch.Prefetches.Select(p => Prefetch(builder, p, filter)).ToList();
        return new PlanNode(sources, scoring, null, prefetch.Limit, prefetch.ScoreThreshold);
    }
}
