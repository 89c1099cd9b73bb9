using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Index.Payload.Stores;
using Citadel.Storage.Payloads;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>
/// The index of one payload field in one segment. It reads the values the filter evaluator reads (the field's values,
/// arrays flattened one level) and answers a condition with a <see cref="CandidateSet"/>: a superset of the offsets
/// whose point satisfies it, which the evaluator then checks. <see cref="IsExact"/> says when the set is exactly the
/// matching offsets (apart from deleted points), which makes cardinality estimates exact.
/// </summary>
internal abstract class FieldIndex
{
    private readonly BitSet _hasValues = new();
    private readonly List<JsonElement> _values = [];

    protected FieldIndex(PayloadIndexField field) => Field = field;

    /// <summary>The indexed field and its schema.</summary>
    public PayloadIndexField Field { get; }

    /// <summary>True when the index follows payload changes (the appendable segment's).</summary>
    public bool Mutable { get; private set; }

    /// <summary>Indexes every live point of <paramref name="segment"/>.</summary>
    public void Build(Segment segment, bool mutable)
    {
        ArgumentNullException.ThrowIfNull(segment);
        for (var o = 0; o < segment.Count; o++)
        {
            if (!segment.IsDeleted(o) && Collect(o, ValuesOf(segment.PayloadAt(o))))
            {
                _hasValues.Set(o);
            }
        }

        Finish(mutable);
        Mutable = mutable;
    }

    /// <summary>Replaces what the index holds for <paramref name="offset"/> (mutable indexes only).</summary>
    public void Set(int offset, JsonElement payload)
    {
        if (Replace(offset, ValuesOf(payload)))
        {
            _hasValues.Set(offset);
        }
        else
        {
            _hasValues.Clear(offset);
        }
    }

    /// <summary>Live points with at least one indexed value (Qdrant's <c>points</c> in <c>payload_schema</c>).</summary>
    public int CountPoints(Segment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var count = 0;
        var words = _hasValues.Words(segment.Count);
        for (var w = 0; w < words.Length; w++)
        {
            var bits = words[w];
            while (bits != 0)
            {
                var o = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                if (o < segment.Count && !segment.IsDeleted(o))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>
    /// A superset of the offsets satisfying <paramref name="condition"/>, or null when this index cannot narrow it.
    /// The tests of a condition are ORed (as the evaluator does), so every test present must be one the index serves;
    /// conditions on emptiness, nullness or value counts are left to the evaluator (a point without values can match them).
    /// </summary>
    public CandidateSet? Candidates(FieldCondition condition, int capacity)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition.ValuesCount is not null || condition.IsEmpty is not null || condition.IsNull is not null)
        {
            return null;
        }

        var set = new CandidateSet(capacity);
        var any = false;
        if (condition.Match is { } match)
        {
            if (!AddMatch(match, set))
            {
                return null;
            }

            any = true;
        }

        if (condition.Range is { } range)
        {
            if (!AddRange(range, set))
            {
                return null;
            }

            any = true;
        }

        if (condition.DatetimeRange is { } datetimeRange)
        {
            if (!AddDatetimeRange(datetimeRange, set))
            {
                return null;
            }

            any = true;
        }

        if (condition.GeoBoundingBox is not null || condition.GeoRadius is not null || condition.GeoPolygon is not null)
        {
            if (!AddGeo(condition, set))
            {
                return null;
            }

            any = true;
        }

        return any ? set : null;
    }

    /// <summary>True when <see cref="Candidates"/> holds exactly the satisfying offsets (before deletions).</summary>
    public bool IsExact(FieldCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return (condition.Match is not { } m || ExactMatch(m)) &&
            condition.GeoBoundingBox is null && condition.GeoRadius is null && condition.GeoPolygon is null;
    }

    /// <summary>Adds the values of one point to the build; true when it has any.</summary>
    protected abstract bool Collect(int offset, List<JsonElement> values);

    /// <summary>Ends the build.</summary>
    protected abstract void Finish(bool mutable);

    /// <summary>Replaces the values of one point; true when it has any.</summary>
    protected abstract bool Replace(int offset, List<JsonElement> values);

    /// <summary>Adds candidates for a match; false when the index cannot serve it.</summary>
    protected virtual bool AddMatch(Match match, CandidateSet into) => false;

    /// <summary>Adds candidates for a numeric range; false when the index cannot serve it.</summary>
    protected virtual bool AddRange(NumericRange range, CandidateSet into) => false;

    /// <summary>Adds candidates for a date-time range; false when the index cannot serve it.</summary>
    protected virtual bool AddDatetimeRange(DatetimeRange range, CandidateSet into) => false;

    /// <summary>Adds candidates for the geo tests of a condition; false when the index cannot serve them.</summary>
    protected virtual bool AddGeo(FieldCondition condition, CandidateSet into) => false;

    /// <summary>True when the candidates of a served match are exactly its matches.</summary>
    protected virtual bool ExactMatch(Match match) => true;

    // The values the evaluator sees: the values at the path, an array found there flattened one level.
    private List<JsonElement> ValuesOf(JsonElement payload)
    {
        _values.Clear();
        var collector = new Collector(_values);
        Field.Path.Visit(payload, ref collector);
        return _values;
    }

    private readonly struct Collector(List<JsonElement> into) : IJsonValueVisitor
    {
        public bool Visit(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in value.EnumerateArray())
                {
                    into.Add(element);
                }
            }
            else
            {
                into.Add(value);
            }

            return false;
        }
    }
}
