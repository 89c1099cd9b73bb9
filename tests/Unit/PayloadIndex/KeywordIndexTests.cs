using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Payloads;
using static Citadel.Tests.Unit.PayloadIndex.Conditions;

namespace Citadel.Tests.Unit.PayloadIndex;

public sealed class KeywordIndexTests
{
    private static readonly PayloadSchema Schema = SegmentIndexKit.SchemaOf(("color", SegmentIndexKit.Type(PayloadSchemaType.Keyword)));

    [Fact]
    public void SealedIndex_FindsExactlyThePointsHoldingTheValue()
    {
        var kit = SegmentIndexKit.Sealed(Schema, [
            SegmentIndexKit.Json("""{"color": "red"}"""),
            SegmentIndexKit.Json("""{"color": ["blue", "red"]}"""),
            SegmentIndexKit.Json("""{"color": "Red"}"""),
            SegmentIndexKit.Json("""{"color": 1}"""),
            SegmentIndexKit.Json("{}"),
        ]);

        var filter = Must(Keyword("color", "red"));
        Assert.Equal([1UL, 2UL], kit.Indexed(filter));
        Assert.True(kit.Narrowed(filter));
        Assert.Equal(new(2, 2, 2), kit.Estimate(filter));
        Assert.Equal(3, kit.Segment.PayloadIndex!.Find(JsonPath.Parse("color"))!.CountPoints(kit.Segment));
    }

    [Fact]
    public void AppendableIndex_FollowsUpdatesAndDeletes()
    {
        var kit = SegmentIndexKit.Appendable(Schema);
        kit.Upsert(1, """{"color": "red"}""");
        kit.Upsert(2, """{"color": "red"}""");
        kit.Upsert(3, """{"color": "blue"}""");
        kit.Upsert(1, """{"color": "blue"}""");
        kit.Delete(2);

        Assert.Empty(kit.Indexed(Must(Keyword("color", "red"))));
        Assert.Equal([1UL, 3UL], kit.Indexed(Must(Keyword("color", "blue"))));
        Assert.Equal(2, kit.Segment.PayloadIndex!.Find(JsonPath.Parse("color"))!.CountPoints(kit.Segment));
    }

    [Fact]
    public void Prefix_ReadsOneRunOfTheSortedKeys()
    {
        var kit = SegmentIndexKit.Sealed(Schema, [
            SegmentIndexKit.Json("""{"color": "green"}"""),
            SegmentIndexKit.Json("""{"color": "grey"}"""),
            SegmentIndexKit.Json("""{"color": "gr"}"""),
            SegmentIndexKit.Json("""{"color": "blue"}"""),
            SegmentIndexKit.Json("""{"color": "Grey"}"""),
        ]);

        var filter = Must(Prefix("color", "gre"));
        Assert.Equal([1UL, 2UL], kit.Indexed(filter));
        Assert.True(kit.Narrowed(filter));
    }

    [Fact]
    public void AnyWithAnInteger_IsNotNarrowedAndStillFindsIntegerValues()
    {
        var kit = SegmentIndexKit.Sealed(Schema, [SegmentIndexKit.Json("""{"color": 7}"""), SegmentIndexKit.Json("""{"color": "red"}""")]);
        var filter = Must(Field("color") with { Match = new MatchAny([MatchScalar.Of("red"), MatchScalar.Of(7L)]) });
        Assert.False(kit.Narrowed(filter));
        Assert.Equal([1UL, 2UL], kit.Indexed(filter));
    }
}
