using Citadel.Storage.Index.Payload.Schema;
using static Citadel.Tests.Unit.PayloadIndex.Conditions;

namespace Citadel.Tests.Unit.PayloadIndex;

/// <summary>Bool, datetime and uuid indexes.</summary>
public sealed class SmallIndexTests
{
    [Fact]
    public void BoolIndex_FindsTrueAndFalseButNotStrings()
    {
        var kit = SegmentIndexKit.Sealed(SegmentIndexKit.SchemaOf(("b", SegmentIndexKit.Type(PayloadSchemaType.Bool))), [
            SegmentIndexKit.Json("""{"b": true}"""),
            SegmentIndexKit.Json("""{"b": [false, true]}"""),
            SegmentIndexKit.Json("""{"b": "true"}"""),
            SegmentIndexKit.Json("""{"b": false}"""),
        ]);

        Assert.Equal([1UL, 2UL], kit.Indexed(Must(Bool("b", true))));
        Assert.Equal([2UL, 4UL], kit.Indexed(Must(Bool("b", false))));
        Assert.True(kit.Narrowed(Must(Bool("b", true))));
    }

    [Fact]
    public void DatetimeIndex_ComparesInstantsAcrossOffsetsAndForms()
    {
        var kit = SegmentIndexKit.Sealed(SegmentIndexKit.SchemaOf(("d", SegmentIndexKit.Type(PayloadSchemaType.Datetime))), [
            SegmentIndexKit.Json("""{"d": "2024-01-01T10:00:00Z"}"""),
            SegmentIndexKit.Json("""{"d": "2024-01-01T12:00:00+03:00"}"""),
            SegmentIndexKit.Json("""{"d": "2024-01-02"}"""),
            SegmentIndexKit.Json("""{"d": "yesterday"}"""),
            SegmentIndexKit.Json("""{"d": "2024-01-01 09:59"}"""),
        ]);

        var filter = Must(Dates("d", gte: "2024-01-01T09:00:00Z", lt: "2024-01-01T11:00:00Z"));
        Assert.Equal([1UL, 2UL, 5UL], kit.Indexed(filter));
        Assert.Equal(kit.BruteForce(filter), kit.Indexed(filter));
        Assert.True(kit.Narrowed(filter));
    }

    [Fact]
    public void UuidIndex_NarrowsToTheSameUuidAndLeavesSpellingToTheEvaluator()
    {
        var kit = SegmentIndexKit.Sealed(SegmentIndexKit.SchemaOf(("u", SegmentIndexKit.Type(PayloadSchemaType.Uuid))), [
            SegmentIndexKit.Json("""{"u": "6f1b8c2e-1d3a-4c5b-9e7f-0a1b2c3d4e5f"}"""),
            SegmentIndexKit.Json("""{"u": "6F1B8C2E-1D3A-4C5B-9E7F-0A1B2C3D4E5F"}"""),
            SegmentIndexKit.Json("""{"u": "00000000-0000-0000-0000-000000000001"}"""),
        ]);

        var filter = Must(Keyword("u", "6f1b8c2e-1d3a-4c5b-9e7f-0a1b2c3d4e5f"));
        Assert.Equal([1UL], kit.Indexed(filter));
        Assert.True(kit.Narrowed(filter));
        var estimate = kit.Estimate(filter);
        Assert.True(estimate.Min <= 1 && estimate.Max >= 1);
        Assert.False(kit.Narrowed(Must(Keyword("u", "not-a-uuid"))));
    }
}
