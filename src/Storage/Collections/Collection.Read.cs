using Citadel.Common.Errors;
using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Search;
using Citadel.Storage.Shards;
using Citadel.Storage.Vectors;

namespace Citadel.Storage.Collections;

public sealed partial class Collection
{
    /// <summary>Nearest neighbours over every shard (HNSW where indexed, exact otherwise), best first, after <c>offset</c>.</summary>
    public List<ScoredPoint> Search(SearchRequest request)
    {
        var p = RequireVectorName(Config.Params.Vectors, request.VectorName);
        var query = PrepareVector(p, request.Vector);
        // A huge offset must neither overflow nor size a heap: no shard returns more than it holds anyway.
        var top = (int)Math.Min((long)request.Limit + request.Offset, int.MaxValue);
        var merged = new List<ScoredPoint>();
        foreach (var shard in _shards)
        {
            merged.AddRange(shard.Search(request.VectorName, query, p.Distance, request.Filter, top, request.ScoreThreshold, request.WithPayload, request.WithVector, request.Params));
        }

        if (_shards.Length > 1)
        {
            var higherIsBetter = p.Distance.HigherIsBetter();
            merged.Sort((a, b) =>
            {
                var c = higherIsBetter ? b.Score.CompareTo(a.Score) : a.Score.CompareTo(b.Score);
                return c != 0 ? c : a.Id.CompareTo(b.Id);
            });
        }

        return merged.Skip(request.Offset).Take(request.Limit).ToList();
    }

    /// <summary>The stored (preprocessed) vector of a point, or throws Not found.</summary>
    public float[] GetVector(PointId id, string vectorName)
    {
        RequireVectorName(Config.Params.Vectors, vectorName);
        var shard = ShardFor(id);
        return shard.GetVector(id, vectorName)
            ?? (shard.Contains(id)
                ? throw CitadelException.BadInput($"Vector `{vectorName}` of point {id} is not set")
                : throw CitadelException.NotFound($"No point with id {id} found"));
    }

    /// <summary>The listed points that exist, in the order asked.</summary>
    public List<PointRecord> Retrieve(IReadOnlyList<PointId> ids, PayloadSelector withPayload, VectorSelector withVector)
    {
        if (_shards.Length == 1)
        {
            return _shards[0].Retrieve(ids.Distinct(), withPayload, withVector);
        }

        var found = new Dictionary<PointId, PointRecord>();
        foreach (var g in ids.Distinct().GroupBy(ShardFor))
        {
            foreach (var r in g.Key.Retrieve(g, withPayload, withVector))
            {
                found[r.Id] = r;
            }
        }

        return ids.Distinct().Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    /// <summary>One page of points in id order (or payload order), with the offset of the next page.</summary>
    public ScrollResult Scroll(ScrollRequest request)
    {
        if (request.OrderBy is { } orderBy)
        {
            var ordered = new List<PointRecord>();
            foreach (var shard in _shards)
            {
                ordered.AddRange(shard.ScrollOrdered(orderBy, request.Limit, request.Filter, request.WithPayload, request.WithVector));
            }

            ordered.Sort((a, b) =>
            {
                var c = a.OrderValue!.Value.Value.CompareTo(b.OrderValue!.Value.Value);
                return c != 0 ? (orderBy.Descending ? -c : c) : a.Id.CompareTo(b.Id);
            });
            return new ScrollResult(ordered.Take(request.Limit).ToList(), null);
        }

        var page = new List<PointRecord>();
        foreach (var shard in _shards)
        {
            page.AddRange(shard.Scroll(request.Offset, request.Limit + 1, request.Filter, request.WithPayload, request.WithVector));
        }

        if (_shards.Length > 1)
        {
            page.Sort((a, b) => a.Id.CompareTo(b.Id));
        }

        PointId? next = page.Count > request.Limit ? page[request.Limit].Id : null;
        return new ScrollResult(page.Take(request.Limit).ToList(), next);
    }

    /// <summary>Number of points matching the filter (exact).</summary>
    public long Count(Filter? filter) => _shards.Sum(s => (long)s.Count(filter));
}
