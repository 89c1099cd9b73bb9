using Citadel.Storage.Index.Payload;
using Citadel.Storage.Index.Payload.Facets;

namespace Citadel.Storage.Collections;

public sealed partial class Collection
{
    /// <summary>
    /// Counts the points matching the request's filter per value of its key, over every shard, and returns the
    /// <c>limit</c> largest counts in Qdrant's order (count descending, then value ascending).
    /// </summary>
    public List<FacetHit> Facet(FacetRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (PayloadSchema.Find(request.Key) is not { Schema.ServesFacets: true })
        {
            throw PayloadIndexErrors.MissingMapIndexForFacet(request.Key);
        }

        var totals = new Dictionary<FacetValue, long>();
        foreach (var shard in _shards)
        {
            foreach (var (value, count) in shard.Facet(request.Key, request.Filter))
            {
                totals[value] = totals.GetValueOrDefault(value) + count;
            }
        }

        return totals
            .Where(kv => kv.Value > 0)
            .Select(kv => new FacetHit(kv.Key, kv.Value))
            .Order(FacetOrder.Instance)
            .Take(request.Limit)
            .ToList();
    }
}
