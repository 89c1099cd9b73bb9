using Citadel.Common.Errors;
using Citadel.Storage.Collections;
using Citadel.Storage.Filtering;
using Citadel.Storage.Operations;
using Citadel.Node.Security;
using Citadel.Storage.Points;
using Citadel.Storage.Query;
using Citadel.Storage.Search;

namespace Citadel.Node.Api;

/// <summary>Point reads, writes and searches shared by the REST and gRPC adapters.</summary>
/// <remarks>Filtered reads are shown to <paramref name="unindexed"/>, which reports filters on unindexed fields.</remarks>
internal sealed class PointsApi(CollectionManager collections, Observability.Issues.UnindexedFieldDetector unindexed)
{
    public ValueTask<UpdateResult> UpdateAsync(string collection, UpdateOperation operation, WriteParams p, CancellationToken ct) =>
        collections.Get(collection).UpdateAsync(operation, p.Wait, ct);

    public async Task<List<UpdateResult>> BatchAsync(string collection, IReadOnlyList<UpdateOperation> operations, WriteParams p, CancellationToken ct)
    {
        var target = collections.Get(collection);
        var results = new List<UpdateResult>(operations.Count);
        foreach (var op in operations)
        {
            results.Add(await target.UpdateAsync(op, p.Wait, ct).ConfigureAwait(false));
        }

        return results;
    }

    public List<PointRecord> Retrieve(string collection, RetrieveRequest r) =>
        collections.Get(collection).Retrieve(r.Ids, r.WithPayload, r.WithVector);

    public PointRecord GetPoint(string collection, PointId id)
    {
        var found = collections.Get(collection).Retrieve([id], Storage.Payloads.PayloadSelector.All, VectorSelector.Every);
        return found.Count == 1 ? found[0] : throw CitadelException.NotFound($"Point with id {id} does not exists!");
    }

    public ScrollResult Scroll(string collection, ScrollRequest r) => Inspected(collection, r.Filter).Scroll(r);

    public long Count(string collection, Filter? filter) => Inspected(collection, filter).Count(filter);

    public List<ScoredPoint> Search(string collection, SearchRequest r) => Inspected(collection, r.Filter).Search(r);

    public List<List<ScoredPoint>> SearchBatch(string collection, IReadOnlyList<SearchRequest> requests)
    {
        var target = collections.Get(collection);
        foreach (var r in requests)
        {
            unindexed.Inspect(target, r.Filter);
        }

        return requests.Select(target.Search).ToList();
    }

    /// <summary>A universal query; every <c>lookup_from</c> collection must be readable by the caller.</summary>
    public List<ScoredPoint> Query(string collection, QueryRequest r, RequestAuth auth)
    {
        LookupAccess.Require(auth, r.LookupCollections());
        return Inspected(collection, r.Filter).Query(r, collections.TryGet);
    }

    /// <summary>Several queries; access to every named collection is checked before any runs.</summary>
    public List<List<ScoredPoint>> QueryBatch(string collection, IReadOnlyList<QueryRequest> requests, RequestAuth auth)
    {
        LookupAccess.Require(auth, requests.SelectMany(r => r.LookupCollections()));
        var target = collections.Get(collection);
        foreach (var r in requests)
        {
            unindexed.Inspect(target, r.Filter);
        }

        return requests.Select(r => target.Query(r, collections.TryGet)).ToList();
    }

    /// <summary>A grouped query; <c>lookup_from</c> and <c>with_lookup</c> collections must be readable.</summary>
    public List<PointGroup> QueryGroups(string collection, QueryGroupsRequest r, RequestAuth auth)
    {
        LookupAccess.Require(auth, LookupAccess.Of(r));
        return collections.Get(collection).QueryGroups(r, collections.TryGet);
    }

    public SearchMatrixResult SearchMatrix(string collection, SearchMatrixRequest r) => Inspected(collection, r.Filter).SearchMatrix(r);

    private Collection Inspected(string collection, Filter? filter)
    {
        var target = collections.Get(collection);
        unindexed.Inspect(target, filter);
        return target;
    }
}
