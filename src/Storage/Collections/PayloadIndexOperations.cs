using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Collections;

/// <summary>Index a payload field (Qdrant's <c>create_payload_index</c> meta operation), replacing any index on it.</summary>
public sealed record CreatePayloadIndexOperation(string CollectionName, JsonPath FieldName, PayloadFieldSchema FieldSchema) : CollectionMetaOperation
{
    /// <inheritdoc />
    public override string Name => "create_payload_index";
}

/// <summary>Drop the index of a payload field (Qdrant's <c>drop_payload_index</c> meta operation).</summary>
public sealed record DropPayloadIndexOperation(string CollectionName, JsonPath FieldName) : CollectionMetaOperation
{
    /// <inheritdoc />
    public override string Name => "drop_payload_index";
}
