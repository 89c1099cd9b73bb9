using Citadel.Storage.Filtering;
using Citadel.Storage.Points;
using static Citadel.Tests.Unit.Filtering.Kit;

namespace Citadel.Tests.Unit.Filtering;

public class AllocationTests
{
    private static readonly TestPoint Sample = Point(
        """{"city": "London", "count": 7, "price": 12.5, "ok": true, "items": [{"kind": "a"}, {"kind": "b"}], "tags": ["x", "y"]}""",
        42);

    public static TheoryData<string> Filters() => ["keyword", "integer", "bool", "range", "has_id", "array path", "combined", "is_empty", "any"];

    private static Filter Build(string name) => name switch
    {
        "keyword" => Filter.MustAll(Value("city", "London")),
        "integer" => Filter.MustAll(Value("count", 7)),
        "bool" => Filter.MustAll(Value("ok", true)),
        "range" => Filter.MustAll(Range("price", gte: 10, lt: 20)),
        "has_id" => Filter.MustAll(new HasIdCondition(new HashSet<PointId> { PointId.FromNum(41), PointId.FromNum(42) })),
        "array path" => Filter.MustAll(Value("items[].kind", "b")),
        "combined" => new Filter([Value("city", "London")], [Value("count", 1), Range("price", gt: 12)], [Value("tags", "z")], new MinShould([Value("ok", true), Value("count", 7)], 2)),
        "is_empty" => Filter.MustAll(new IsEmptyCondition(Key("missing")), new IsNullCondition(Key("tags"))) with { MustNot = [new IsNullCondition(Key("tags"))] },
        "any" => Filter.MustAll(WithMatch("city", new MatchAny([MatchScalar.Of("Paris"), MatchScalar.Of("London")]))),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void CommonConditions_AllocateNothingPerPoint(string name)
    {
        var filter = Build(name);
        var expected = FilterEvaluator.Matches(filter, Sample);
        for (var i = 0; i < 100; i++)
        {
            FilterEvaluator.Matches(filter, Sample);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var matched = 0;
        for (var i = 0; i < 1000; i++)
        {
            matched += FilterEvaluator.Matches(filter, Sample) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(expected ? 1000 : 0, matched);
        Assert.Equal(0, allocated);
    }
}
