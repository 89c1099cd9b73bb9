using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Collections;

public sealed partial class Collection
{
    private PayloadSchema _payloadSchema = PayloadSchema.Empty;

    /// <summary>The indexed payload fields (Qdrant's <c>payload_schema</c>).</summary>
    public PayloadSchema PayloadSchema => Volatile.Read(ref _payloadSchema);

    /// <summary>
    /// The WAL index of the newest operation over all shards. Index changes are metadata, not logged operations; Citadel
    /// reports this as their <c>operation_id</c>.
    /// </summary>
    public ulong LastOperationId => _shards.Length == 0 ? 0 : _shards.Max(s => s.Version);

    /// <summary>Live points with a value in the index of <paramref name="field"/>.</summary>
    public long CountIndexedPoints(JsonPath field) => _shards.Sum(s => s.CountIndexedPoints(field));

    /// <summary>
    /// Indexes <paramref name="field"/> (replacing another index on it). The schema file is written first, so a crash
    /// while building leaves an index that the next start builds; readers see the field as indexed once every shard is.
    /// </summary>
    internal void CreatePayloadIndex(JsonPath field, PayloadFieldSchema schema)
    {
        var current = PayloadSchema;
        if (current.Find(field) is { } existing && existing.Schema.SameAs(schema))
        {
            return;
        }

        var updated = current.With(field, schema);
        updated.Save(Directory);
        foreach (var shard in _shards)
        {
            shard.SetPayloadIndexes(updated);
        }

        Volatile.Write(ref _payloadSchema, updated);
    }

    /// <summary>Drops the index of <paramref name="field"/>; nothing happens when there is none.</summary>
    internal void DropPayloadIndex(JsonPath field)
    {
        var current = PayloadSchema;
        if (current.Find(field) is null)
        {
            return;
        }

        var updated = current.Without(field);
        updated.Save(Directory);
        Volatile.Write(ref _payloadSchema, updated);
        foreach (var shard in _shards)
        {
            shard.SetPayloadIndexes(updated);
        }
    }

    /// <summary>Builds the persisted indexes after the shards have opened (and replayed their WALs).</summary>
    private void LoadPayloadIndexes()
    {
        var schema = PayloadSchema.Load(Directory);
        if (schema.Count > 0)
        {
            foreach (var shard in _shards)
            {
                shard.SetPayloadIndexes(schema);
            }
        }

        Volatile.Write(ref _payloadSchema, schema);
    }
}
