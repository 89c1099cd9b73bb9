using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload;
using Citadel.Storage.Index.Payload.Planning;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Segments;
using Citadel.Storage.Shards;

namespace Citadel.Tests.Unit.PayloadIndex;

/// <summary>
/// A segment with payload indexes, driven directly: appendable (mutable indexes that follow every write) or sealed
/// (indexes built once), with the brute-force answer of the filter evaluator to compare against.
/// </summary>
internal sealed class SegmentIndexKit
{
    private static readonly Dictionary<string, float[]> NoVectors = [];
    private readonly Dictionary<PointId, int> _offsets = [];

    private SegmentIndexKit(Segment segment, PayloadSchema schema)
    {
        Segment = segment;
        Schema = schema;
    }

    public Segment Segment { get; }

    public PayloadSchema Schema { get; }

    /// <summary>An appendable segment whose indexes exist before any point arrives.</summary>
    public static SegmentIndexKit Appendable(PayloadSchema schema)
    {
        var segment = new Segment(1);
        var kit = new SegmentIndexKit(segment, schema);
        segment.PayloadIndex = SegmentPayloadIndex.Reconcile(segment, schema);
        return kit;
    }

    /// <summary>A sealed segment holding <paramref name="payloads"/> (ids 1..n), indexed after the fact.</summary>
    public static SegmentIndexKit Sealed(PayloadSchema schema, IReadOnlyList<JsonElement> payloads, IEnumerable<int>? deleted = null)
    {
        var segment = new Segment(2, Math.Max(1, payloads.Count)) { Appendable = false };
        var kit = new SegmentIndexKit(segment, schema);
        for (var i = 0; i < payloads.Count; i++)
        {
            var id = PointId.FromNum((ulong)i + 1);
            kit._offsets[id] = segment.Append(id, 1, payloads[i], NoVectors);
        }

        foreach (var o in deleted ?? [])
        {
            segment.Delete(o);
            kit._offsets.Remove(segment.IdAt(o));
        }

        segment.PayloadIndex = SegmentPayloadIndex.Reconcile(segment, schema);
        return kit;
    }

    public static PayloadSchema SchemaOf(params (string Field, PayloadFieldSchema Schema)[] fields)
    {
        var schema = PayloadSchema.Empty;
        foreach (var (field, s) in fields)
        {
            schema = schema.With(JsonPath.Parse(field), s);
        }

        return schema;
    }

    public static PayloadFieldSchema Type(PayloadSchemaType type) => PayloadFieldSchema.Of(type);

    public static JsonElement Json(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    /// <summary>Inserts or replaces a point's payload (replacing in place, as the appendable segment does).</summary>
    public void Upsert(ulong id, JsonElement payload)
    {
        var key = PointId.FromNum(id);
        if (_offsets.TryGetValue(key, out var offset))
        {
            Segment.SetPayload(offset, payload, 1);
        }
        else
        {
            _offsets[key] = Segment.Append(key, 1, payload, NoVectors);
        }
    }

    public void Upsert(ulong id, string payload) => Upsert(id, Json(payload));

    public void Delete(ulong id)
    {
        if (_offsets.Remove(PointId.FromNum(id), out var offset))
        {
            Segment.Delete(offset);
        }
    }

    public IndexedFilter Prepare(Filter filter) => IndexedFilter.Create(filter, Schema, Locate)!;

    /// <summary>Ids the indexed path finds.</summary>
    public SortedSet<ulong> Indexed(Filter filter) => [.. Prepare(filter).MatchingOffsets(Segment).Select(o => Segment.IdAt(o).Num)];

    /// <summary>Ids the evaluator finds on every live point, with the filter prepared the same way (text semantics).</summary>
    public SortedSet<ulong> BruteForce(Filter filter)
    {
        var prepared = Prepare(filter);
        var result = new SortedSet<ulong>();
        for (var o = 0; o < Segment.Count; o++)
        {
            if (!Segment.IsDeleted(o) && FilterEvaluator.Matches(prepared.Filter, new SegmentPoint(Segment, o)))
            {
                result.Add(Segment.IdAt(o).Num);
            }
        }

        return result;
    }

    /// <summary>True when the indexes narrowed the filter to fewer offsets than the segment has.</summary>
    public bool Narrowed(Filter filter) => Prepare(filter).Candidates(Segment) is { } c && c.Count() < Segment.Count;

    public CardinalityEstimation Estimate(Filter filter) => Segment.EstimateCardinality(Prepare(filter));

    private bool Locate(PointId id, [NotNullWhen(true)] out Segment? segment, out int offset)
    {
        segment = _offsets.TryGetValue(id, out offset) ? Segment : null;
        return segment is not null;
    }
}
