using Citadel.Common.Errors;
using Citadel.Storage.Collections;
using Citadel.Storage.Index.Payload.Facets;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;

namespace Citadel.Node.Api;

/// <summary>Payload index changes and facets, shared by the REST and gRPC adapters.</summary>
internal sealed class PayloadIndexApi(CollectionManager collections, IMetaProposer meta)
{
    /// <summary>
    /// Indexes a field: a metadata operation (replicated in a cluster), answered like Qdrant with an update result.
    /// Index builds are synchronous, so the index is usable when this returns, <c>wait</c> or not.
    /// </summary>
    public async Task<UpdateResult> CreateAsync(string collection, JsonPath field, PayloadFieldSchema? schema, WriteParams p, CancellationToken ct)
    {
        // Resolve aliases here so that the replicated operation names the real collection.
        var target = collections.Get(collection);
        if (schema is null)
        {
            throw CitadelException.BadRequest("Can't auto-detect field type, please specify `field_schema` in the request");
        }

        await meta.ProposeAsync(new CreatePayloadIndexOperation(target.Name, field, schema), ct).ConfigureAwait(false);
        return Result(target, p);
    }

    /// <summary>Drops a field's index; dropping an index that does not exist succeeds, as in Qdrant.</summary>
    public async Task<UpdateResult> DeleteAsync(string collection, JsonPath field, WriteParams p, CancellationToken ct)
    {
        var target = collections.Get(collection);
        await meta.ProposeAsync(new DropPayloadIndexOperation(target.Name, field), ct).ConfigureAwait(false);
        return Result(target, p);
    }

    public List<FacetHit> Facet(string collection, FacetRequest request) => collections.Get(collection).Facet(request);

    private static UpdateResult Result(Collection collection, WriteParams p) =>
        new(collection.LastOperationId, p.Wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged);
}
