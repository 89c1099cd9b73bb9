using Citadel.Common.Errors;

namespace Citadel.Storage.Collections;

public sealed partial class CollectionManager
{
    // Validation happens here, where the operation is applied, so that every proposer (REST, gRPC, later Raft) gets it.
    private bool CreatePayloadIndex(CreatePayloadIndexOperation op)
    {
        var collection = _collections.GetValueOrDefault(op.CollectionName)
            ?? throw CitadelException.NotFound($"Collection `{op.CollectionName}` doesn't exist!");
        op.FieldSchema.Validate();
        collection.CreatePayloadIndex(op.FieldName, op.FieldSchema);
        return true;
    }

    private bool DropPayloadIndex(DropPayloadIndexOperation op)
    {
        var collection = _collections.GetValueOrDefault(op.CollectionName)
            ?? throw CitadelException.NotFound($"Collection `{op.CollectionName}` doesn't exist!");
        collection.DropPayloadIndex(op.FieldName);
        return true;
    }
}
