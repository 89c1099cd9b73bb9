using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Payloads;
using static Citadel.Tests.Unit.PayloadIndex.Conditions;

namespace Citadel.Tests.Unit.PayloadIndex;

/// <summary>Integer and float indexes: lookups, ranges, and the numbers each one holds.</summary>
public sealed class NumericIndexTests
{
    private static readonly string[] Payloads =
    [
        """{"n": 1}""",
        """{"n": 1.0}""",
        """{"n": [2, 3.5]}""",
        """{"n": "1"}""",
        """{"n": -0}""",
        """{"n": 9007199254740993}""",
        """{"n": 1e0}""",
    ];

    [Theory]
    [InlineData(PayloadSchemaType.Integer)]
    [InlineData(PayloadSchemaType.Float)]
    public void Lookups_AnswerLikeTheEvaluator_IntegerFormOnly(PayloadSchemaType type)
    {
        var kit = Sealed(type);
        var filter = Must(Integer("n", 1));
        Assert.Equal([1UL], kit.Indexed(filter));
        Assert.Equal(kit.BruteForce(filter), kit.Indexed(filter));
        Assert.True(kit.Narrowed(filter));
    }

    [Theory]
    [InlineData(PayloadSchemaType.Integer)]
    [InlineData(PayloadSchemaType.Float)]
    public void Ranges_IncludeEveryNumberForm(PayloadSchemaType type)
    {
        var kit = Sealed(type);
        var filter = Must(Range("n", gte: 0, lt: 3));
        Assert.Equal([1UL, 2UL, 3UL, 5UL, 7UL], kit.Indexed(filter));
        Assert.Equal(kit.BruteForce(filter), kit.Indexed(filter));
        Assert.True(kit.Narrowed(filter));
        Assert.Equal([6UL], kit.Indexed(Must(Range("n", gt: 9007199254740990))));
    }

    [Fact]
    public void IntegerIndex_CountsOnlyPointsWithIntegers()
    {
        var kit = Sealed(PayloadSchemaType.Integer);
        Assert.Equal(4, kit.Segment.PayloadIndex!.Find(JsonPath.Parse("n"))!.CountPoints(kit.Segment));
    }

    [Fact]
    public void AppendableIntegerIndex_FollowsReplacements()
    {
        var kit = SegmentIndexKit.Appendable(SegmentIndexKit.SchemaOf(("n", SegmentIndexKit.Type(PayloadSchemaType.Integer))));
        for (ulong id = 1; id <= 5000; id++)
        {
            kit.Upsert(id, $$"""{"n": {{id % 10}}}""");
        }

        for (ulong id = 1; id <= 5000; id += 2)
        {
            kit.Upsert(id, """{"n": 100}""");
        }

        Assert.Equal(2500, kit.Indexed(Must(Integer("n", 100))).Count);
        Assert.Equal(500, kit.Indexed(Must(Integer("n", 2))).Count);
        Assert.Empty(kit.Indexed(Must(Integer("n", 1))));
        Assert.Equal(500, kit.Indexed(Must(Range("n", gte: 3, lt: 5))).Count);
    }

    private static SegmentIndexKit Sealed(PayloadSchemaType type) =>
        SegmentIndexKit.Sealed(SegmentIndexKit.SchemaOf(("n", SegmentIndexKit.Type(type))), [.. Payloads.Select(SegmentIndexKit.Json)]);
}
