using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Facets;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Index.Payload.Stores;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>
/// Integers (numbers without fraction or exponent that fit in i64, like the evaluator's <c>as_i64</c>): serve exact
/// matches, facets, ranges and <c>order_by</c>. A range in Qdrant's evaluator accepts any number, so the other numbers
/// at the field are kept in a second store that only ranges read; they are not counted as indexed points.
/// </summary>
internal sealed class IntegerFieldIndex : FieldIndex, IFacetSource, IOrderSource
{
    private readonly List<long> _ints = [];
    private readonly List<double> _others = [];
    private readonly HashSet<long> _seenInts = [];
    private readonly HashSet<double> _seenOthers = [];
    private PostingBuilder<long>? _intBuilder = new(Comparer<long>.Default, EqualityComparer<long>.Default);
    private PostingBuilder<double>? _otherBuilder = new(Comparer<double>.Default, EqualityComparer<double>.Default);
    private PostingStore<long>? _intStore;
    private PostingStore<double>? _otherStore;

    public IntegerFieldIndex(PayloadIndexField field)
        : base(field)
    {
    }

    private PostingStore<long> Ints => _intStore ?? throw new InvalidOperationException("The index is not built yet.");

    private PostingStore<double> Others => _otherStore ?? throw new InvalidOperationException("The index is not built yet.");

    public void CountFacets(Func<int, bool> include, Action<FacetValue, int> emit) =>
        Ints.CountPerKey(include, (key, n) => emit(FacetValue.OfInteger(key), n));

    public IEnumerable<OrderedValue> Ordered(bool descending, double? startFrom)
    {
        var range = startFrom is not { } start
            ? KeyRange<long>.All
            : descending ? new KeyRange<long>(_ => true, k => k <= start) : new KeyRange<long>(k => k >= start, _ => true);
        foreach (var (key, offset) in Ints.Ordered(range, descending))
        {
            yield return new OrderedValue(key, true, offset);
        }
    }

    protected override bool Collect(int offset, List<JsonElement> values)
    {
        Split(values);
        foreach (var i in _ints)
        {
            _intBuilder!.Add(offset, i);
        }

        foreach (var d in _others)
        {
            _otherBuilder!.Add(offset, d);
        }

        return _ints.Count > 0;
    }

    protected override void Finish(bool mutable)
    {
        _intStore = PostingStore<long>.Create(_intBuilder!, Comparer<long>.Default, EqualityComparer<long>.Default, mutable);
        _otherStore = PostingStore<double>.Create(_otherBuilder!, Comparer<double>.Default, EqualityComparer<double>.Default, mutable);
        _intBuilder = null;
        _otherBuilder = null;
    }

    protected override bool Replace(int offset, List<JsonElement> values)
    {
        Split(values);
        Ints.Set(offset, _ints);
        Others.Set(offset, _others);
        return _ints.Count > 0;
    }

    protected override bool AddMatch(Match match, CandidateSet into)
    {
        switch (match)
        {
            case MatchValue { Value.Kind: MatchScalarKind.Integer } m:
                Ints.AddKey(m.Value.Integer, into);
                return true;
            case MatchAny m when m.Values.All(v => v.Kind == MatchScalarKind.Integer):
                foreach (var v in m.Values)
                {
                    Ints.AddKey(v.Integer, into);
                }

                return true;
            default:
                return false;
        }
    }

    protected override bool AddRange(NumericRange range, CandidateSet into)
    {
        // The evaluator compares the number read as a double; (double)k is that same value and is monotone in k.
        Ints.AddRange(new KeyRange<long>(k => AtOrAboveLower(range, k), k => AtOrBelowUpper(range, k)), into);
        Others.AddRange(new KeyRange<double>(d => AtOrAboveLower(range, d), d => AtOrBelowUpper(range, d)), into);
        return true;
    }

    internal static bool AtOrAboveLower(NumericRange range, double value) =>
        (range.Gt is not { } gt || value > gt) && (range.Gte is not { } gte || value >= gte);

    internal static bool AtOrBelowUpper(NumericRange range, double value) =>
        (range.Lt is not { } lt || value < lt) && (range.Lte is not { } lte || value <= lte);

    private void Split(List<JsonElement> values)
    {
        _ints.Clear();
        _others.Clear();
        _seenInts.Clear();
        _seenOthers.Clear();
        foreach (var value in values)
        {
            if (value.ValueKind != JsonValueKind.Number)
            {
                continue;
            }

            if (value.TryGetInt64(out var i))
            {
                if (_seenInts.Add(i))
                {
                    _ints.Add(i);
                }
            }
            else if (value.TryGetDouble(out var d) && _seenOthers.Add(d + 0.0))
            {
                _others.Add(d + 0.0);
            }
        }
    }
}
