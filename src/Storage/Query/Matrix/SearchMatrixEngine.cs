using Citadel.Storage.Collections;
using Citadel.Storage.Filtering;
using Citadel.Storage.Search;

namespace Citadel.Storage.Query.Matrix;

/// <summary>
/// Qdrant's distance matrix (<c>search_points_matrix</c>): a random sample of points that have the vector and match
/// the filter, sorted by id; then for each sampled point its nearest neighbours among the sample, itself excluded
/// (when it is not among the <c>limit + 1</c> nearest, the last one is dropped instead).
/// </summary>
internal static class SearchMatrixEngine
{
    public static SearchMatrixResult Run(Collection collection, SearchMatrixRequest request)
    {
        if (request.Sample == 0 || request.Limit == 0)
        {
            return SearchMatrixResult.Empty;
        }

        Collection.RequireVectorName(collection.Config.Params.Vectors, request.Using);
        var sampled = new QueryEngine(collection).Query(new QueryRequest
        {
            Query = new SampleQuery(),
            Filter = Filters.And(request.Filter, Filter.MustAll(new HasVectorCondition(request.Using))),
            Limit = request.Sample,
            WithVector = new VectorSelector(false, [request.Using]),
        });

        if (sampled.Count < 2)
        {
            return SearchMatrixResult.Empty;
        }

        sampled.Sort((a, b) => a.Id.CompareTo(b.Id));
        var ids = sampled.Select(p => p.Id).ToList();
        var among = Filters.Only(ids);
        var rows = new List<IReadOnlyList<ScoredPoint>>(sampled.Count);
        foreach (var point in sampled)
        {
            var neighbours = collection.Search(new SearchRequest(request.Using, point.Vectors![request.Using])
            {
                Filter = among,
                Limit = (int)Math.Min((long)request.Limit + 1, int.MaxValue),
            });
            var self = neighbours.FindIndex(p => p.Id == point.Id);
            if (self >= 0)
            {
                neighbours.RemoveAt(self);
            }
            else if (neighbours.Count == request.Limit + 1)
            {
                neighbours.RemoveAt(neighbours.Count - 1);
            }

            rows.Add(neighbours);
        }

        return new SearchMatrixResult(ids, rows);
    }
}
