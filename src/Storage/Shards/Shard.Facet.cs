using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload;
using Citadel.Storage.Index.Payload.Facets;
using Citadel.Storage.Index.Payload.Fields;
using Citadel.Storage.Index.Payload.Stores;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Shards;

public sealed partial class Shard
{
    /// <summary>
    /// For each value of <paramref name="key"/>'s index, the number of live points matching <paramref name="filter"/>
    /// that hold it (a point counts once per distinct value). The key needs a keyword, integer (lookup), uuid or bool index.
    /// </summary>
    public Dictionary<FacetValue, long> Facet(JsonPath key, Filter? filter)
    {
        ArgumentNullException.ThrowIfNull(key);
        _lock.EnterReadLock();
        try
        {
            if (_payloadSchema.Find(key) is not { Schema.ServesFacets: true })
            {
                throw PayloadIndexErrors.MissingMapIndexForFacet(key);
            }

            var prepared = PrepareFilter(filter);
            var counts = new Dictionary<FacetValue, long>();
            foreach (var segment in _segments)
            {
                if (segment.PayloadIndex?.Find(key) is not IFacetSource source)
                {
                    continue;
                }

                Func<int, bool> include;
                if (prepared is null)
                {
                    include = o => !segment.IsDeleted(o);
                }
                else
                {
                    var matching = new CandidateSet(segment.Count);
                    foreach (var o in prepared.MatchingOffsets(segment))
                    {
                        matching.Add(o);
                    }

                    include = matching.Contains;
                }

                source.CountFacets(include, (value, n) => counts[value] = counts.GetValueOrDefault(value) + n);
            }

            return counts;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
