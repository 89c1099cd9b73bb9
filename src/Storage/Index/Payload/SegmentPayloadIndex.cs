using System.Text.Json;
using Citadel.Storage.Index.Payload.Fields;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Payloads;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Index.Payload;

/// <summary>
/// The payload indexes of one segment, one per indexed field. The appendable segment's indexes are mutable and follow
/// every payload write; a sealed segment's are built once, from its immutable payloads, when it is sealed, vacuumed,
/// merged or loaded, or when an index is created.
/// </summary>
internal sealed class SegmentPayloadIndex
{
    private readonly Dictionary<JsonPath, FieldIndex> _fields;

    private SegmentPayloadIndex(Dictionary<JsonPath, FieldIndex> fields) => _fields = fields;

    /// <summary>The index on exactly this path, or null.</summary>
    public FieldIndex? Find(JsonPath path) => _fields.GetValueOrDefault(path);

    /// <summary>Every field index.</summary>
    public IEnumerable<FieldIndex> Fields => _fields.Values;

    /// <summary>Follows a payload write at <paramref name="offset"/> (appendable segments only).</summary>
    public void Update(int offset, JsonElement payload)
    {
        foreach (var index in _fields.Values)
        {
            index.Set(offset, payload);
        }
    }

    /// <summary>
    /// Builds, for a sealed segment, the indexes of <paramref name="schema"/> that it lacks. Safe without the shard lock:
    /// sealed payloads never change.
    /// </summary>
    public static Dictionary<JsonPath, FieldIndex> BuildMissing(Segment segment, PayloadSchema schema)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(schema);
        var current = segment.PayloadIndex;
        var built = new Dictionary<JsonPath, FieldIndex>();
        foreach (var field in schema.Fields)
        {
            if (current?.Find(field.Path) is not { } existing || !existing.Field.Schema.SameAs(field.Schema))
            {
                built[field.Path] = FieldIndexFactory.Build(field, segment, mutable: false);
            }
        }

        return built;
    }

    /// <summary>
    /// The indexes <paramref name="segment"/> should have under <paramref name="schema"/>: those it has and still
    /// wants, those prebuilt, and the rest built now (mutable for the appendable segment). Null when nothing is indexed.
    /// </summary>
    public static SegmentPayloadIndex? Reconcile(Segment segment, PayloadSchema schema, IReadOnlyDictionary<JsonPath, FieldIndex>? prebuilt = null)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Count == 0)
        {
            return null;
        }

        var current = segment.PayloadIndex;
        var fields = new Dictionary<JsonPath, FieldIndex>();
        foreach (var field in schema.Fields)
        {
            fields[field.Path] =
                Usable(current?.Find(field.Path), field, segment) ??
                Usable(prebuilt?.GetValueOrDefault(field.Path), field, segment) ??
                FieldIndexFactory.Build(field, segment, mutable: segment.Appendable);
        }

        return new SegmentPayloadIndex(fields);
    }

    private static FieldIndex? Usable(FieldIndex? index, PayloadIndexField field, Segment segment) =>
        index is not null && index.Field.Schema.SameAs(field.Schema) && index.Mutable == segment.Appendable ? index : null;
}
