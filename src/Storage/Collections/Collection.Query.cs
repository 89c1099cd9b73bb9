using Citadel.Storage.Filtering;
using Citadel.Storage.Search;

namespace Citadel.Storage.Collections;

public sealed partial class Collection
{
    /// <summary>
    /// Runs a universal query. A point id as query stands for that point's stored vector, and (as in Qdrant)
    /// the referenced point is excluded from the results.
    /// </summary>
    public List<ScoredPoint> Query(QueryRequest request)
    {
        if (request.Query is not { } input)
        {
            if (request.ScoreThreshold is not null)
            {
                throw Common.Errors.CitadelException.BadRequest("A query is needed to use the score_threshold. Can't have score_threshold without defining a query.");
            }

            var page = Scroll(new ScrollRequest
            {
                // Capped so that the scroll's look-ahead of one more point cannot overflow.
                Limit = (int)Math.Min((long)request.Limit + request.Offset, int.MaxValue - 1),
                Filter = request.Filter,
                WithPayload = request.WithPayload,
                WithVector = request.WithVector,
            });
            return page.Points.Skip(request.Offset).Select(p => new ScoredPoint(p.Id, 0, 0, p.Payload, p.Vectors)).ToList();
        }

        var filter = request.Filter;
        float[] vector;
        if (input.PointId is { } id)
        {
            vector = GetVector(id, request.Using);
            var exclude = new HasIdCondition(new HashSet<Points.PointId> { id });
            filter = filter is null ? new Filter([], [], [exclude], null) : filter with { MustNot = [.. filter.MustNot, exclude] };
        }
        else
        {
            vector = input.Vector!;
        }

        return Search(new SearchRequest(request.Using, vector)
        {
            Filter = filter,
            Limit = request.Limit,
            Offset = request.Offset,
            ScoreThreshold = request.ScoreThreshold,
            WithPayload = request.WithPayload,
            WithVector = request.WithVector,
            Params = request.Params,
        });
    }
}
