using Citadel.Common.Errors;
using Citadel.Storage.Collections;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Search;

namespace Citadel.Storage.Query.Planning;

/// <summary>
/// The stored vectors of every point id a query references, fetched once before planning, from the searched
/// collection or from the <c>lookup_from</c> collection of each level. Errors follow Qdrant: a missing lookup
/// collection or vector name first, then the first missing point.
/// </summary>
internal sealed class ReferencedVectors
{
    private readonly Dictionary<Key, Dictionary<PointId, float[]?>> _vectors = [];

    private ReferencedVectors()
    {
    }

    /// <summary>Fetches what every level of <paramref name="request"/> references.</summary>
    public static ReferencedVectors Resolve(Collection target, Func<string, Collection?> collections, QueryRequest request)
    {
        var wanted = new Dictionary<Key, List<PointId>>();
        foreach (var level in QueryTree.Levels(request))
        {
            var ids = QueryTree.ReferencedIds(level.Query).ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            var key = new Key(level.LookupFrom?.Collection, level.LookupVector);
            if (!wanted.TryGetValue(key, out var list))
            {
                wanted[key] = list = [];
            }

            list.AddRange(ids);
        }

        var resolved = new ReferencedVectors();
        var sources = new Dictionary<Key, Collection>();
        foreach (var key in wanted.Keys)
        {
            var source = key.Collection is null ? target : Lookup(target, collections, key.Collection);
            Collection.RequireVectorName(source.Config.Params.Vectors, key.Vector);
            sources[key] = source;
        }

        foreach (var (key, ids) in wanted)
        {
            var found = sources[key].Retrieve(ids, PayloadSelector.None, new VectorSelector(false, [key.Vector]));
            var byId = new Dictionary<PointId, float[]?>(found.Count);
            foreach (var record in found)
            {
                byId[record.Id] = record.Vectors is { } v && v.TryGetValue(key.Vector, out var vector) ? vector : null;
            }

            resolved._vectors[key] = byId;
        }

        foreach (var (key, ids) in wanted)
        {
            foreach (var id in ids)
            {
                if (!resolved._vectors[key].ContainsKey(id))
                {
                    throw CitadelException.NotFound($"No point with id {id} found");
                }
            }
        }

        return resolved;
    }

    /// <summary>The collection named by <c>lookup_from</c>, or Qdrant's not-found error.</summary>
    public static Collection Lookup(Collection target, Func<string, Collection?> collections, string name) =>
        (string.Equals(name, target.Name, StringComparison.Ordinal) ? target : collections(name))
        ?? throw CitadelException.NotFound($"Collection {name} not found");

    /// <summary>The stored vector of a referenced point; null when that point has no such vector.</summary>
    public float[]? Get(LookupLocation? lookup, string vector, PointId id) =>
        _vectors.TryGetValue(new Key(lookup?.Collection, vector), out var byId) && byId.TryGetValue(id, out var v) ? v : null;

    private readonly record struct Key(string? Collection, string Vector);
}
