using System.Text.Json;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;

namespace Citadel.Storage.Filtering;

/// <summary>
/// Decides whether a point matches a <see cref="Filter"/> with Qdrant's semantics
/// (<c>lib/segment/src/payload_storage/query_checker.rs</c> and <c>condition_checker.rs</c>, 1.19.1).
/// Evaluating exact matches, ranges and id tests allocates nothing.
/// </summary>
public static class FilterEvaluator
{
    /// <summary>True when <paramref name="point"/> satisfies <paramref name="filter"/>.</summary>
    public static bool Matches<TPoint>(Filter filter, in TPoint point)
        where TPoint : IPointFacts, allows ref struct
    {
        ArgumentNullException.ThrowIfNull(filter);
        return CheckFilter(filter, in point, point.Payload, nested: false);
    }

    // `nested`: the payload is an element of a nested array, which has no id or vectors of its own.
    private static bool CheckFilter<TPoint>(Filter filter, in TPoint point, JsonElement payload, bool nested)
        where TPoint : IPointFacts, allows ref struct
    {
        var must = filter.Must;
        for (var i = 0; i < must.Count; i++)
        {
            if (!Check(must[i], in point, payload, nested))
            {
                return false;
            }
        }

        var mustNot = filter.MustNot;
        for (var i = 0; i < mustNot.Count; i++)
        {
            if (Check(mustNot[i], in point, payload, nested))
            {
                return false;
            }
        }

        // An empty `should` states no alternatives and constrains nothing (Qdrant treats `should: []` as absent).
        var should = filter.Should;
        if (should.Count > 0)
        {
            var any = false;
            for (var i = 0; i < should.Count && !any; i++)
            {
                any = Check(should[i], in point, payload, nested);
            }

            if (!any)
            {
                return false;
            }
        }

        return filter.MinShould is not { } minShould || CheckMinShould(minShould, in point, payload, nested);
    }

    // At least MinCount conditions hold, counting until enough do; an empty list with MinCount >= 1 never holds.
    private static bool CheckMinShould<TPoint>(MinShould minShould, in TPoint point, JsonElement payload, bool nested)
        where TPoint : IPointFacts, allows ref struct
    {
        var needed = minShould.MinCount;
        if (needed <= 0)
        {
            return true;
        }

        var conditions = minShould.Conditions;
        for (var i = 0; i < conditions.Count && conditions.Count - i >= needed; i++)
        {
            if (Check(conditions[i], in point, payload, nested) && --needed == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Check<TPoint>(Condition condition, in TPoint point, JsonElement payload, bool nested)
        where TPoint : IPointFacts, allows ref struct
    {
        switch (condition)
        {
            case FieldCondition field:
                return FieldChecker.Check(field, payload);
            case IsEmptyCondition isEmpty:
                return PresenceChecker.IsEmpty(isEmpty.Key, payload);
            case IsNullCondition isNull:
                return PresenceChecker.IsNull(isNull.Key, payload);
            case HasIdCondition hasId:
                // Qdrant checks ids against the point, which elements of a nested array do not have.
                return !nested && hasId.Ids.Contains(point.Id);
            case HasVectorCondition hasVector:
                return !nested && point.HasVector(hasVector.VectorName);
            case SliceCondition slice:
                return !nested && PointSlice.Contains(slice, point.Id);
            case NestedCondition nestedCondition:
                var visitor = new NestedVisitor(nestedCondition.Filter);
                return nestedCondition.Key.ArrayKey().Visit(payload, ref visitor);
            case FilterCondition inner:
                return CheckFilter(inner.Filter, in point, payload, nested);
            default:
                throw new NotSupportedException($"Unknown filter condition {condition.GetType().Name}");
        }
    }

    /// <summary>Each object element of the nested array is checked against the inner filter as its own payload.</summary>
    private readonly struct NestedVisitor(Filter filter) : IJsonValueVisitor
    {
        public bool Visit(JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var none = default(NoPoint);
            return CheckFilter(filter, in none, value, nested: true);
        }
    }

    /// <summary>Stands in for the point inside nested filters, where only the payload element is known.</summary>
    private readonly struct NoPoint : IPointFacts
    {
        public PointId Id => default;

        public JsonElement Payload => default;

        public bool HasVector(string name) => false;
    }
}
