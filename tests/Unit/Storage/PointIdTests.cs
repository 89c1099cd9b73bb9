using Citadel.Common.Errors;
using Citadel.Storage.Points;

namespace Citadel.Tests.Unit.Storage;

public sealed class PointIdTests
{
    [Theory]
    [InlineData("550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("550E8400E29B41D4A716446655440000")]
    [InlineData("{550e8400-e29b-41d4-a716-446655440000}")]
    [InlineData("urn:uuid:550e8400-e29b-41d4-a716-446655440000")]
    public void UuidForms_ParseToTheSameHyphenatedLowerCaseId(string text)
    {
        var id = PointId.ParseText(text);
        Assert.True(id.IsUuid);
        Assert.Equal("550e8400-e29b-41d4-a716-446655440000", id.ToString());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("18446744073709551616")]
    [InlineData("not-a-uuid")]
    [InlineData("")]
    public void InvalidIds_AreBadInput(string text) =>
        Assert.Equal(ErrorKind.BadInput, Assert.Throws<CitadelException>(() => PointId.ParseText(text)).Kind);

    [Fact]
    public void IntegerIds_SortBeforeUuids_AndNumerically()
    {
        var ids = new[] { PointId.FromUuid(Guid.Parse("00000000-0000-0000-0000-000000000001")), PointId.FromNum(10), PointId.FromNum(2), PointId.FromNum(ulong.MaxValue) };
        Array.Sort(ids);
        Assert.Equal(["2", "10", "18446744073709551615", "00000000-0000-0000-0000-000000000001"], ids.Select(i => i.ToString()));
    }

    [Fact]
    public void EqualIds_HashAndRouteAlike()
    {
        var a = PointId.ParseText("550e8400-e29b-41d4-a716-446655440000");
        var b = PointId.FromUuid(Guid.Parse("550e8400-e29b-41d4-a716-446655440000"));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.StableHash(), b.StableHash());
        Assert.NotEqual(PointId.FromNum(1).StableHash() % 8, PointId.FromNum(2).StableHash() % 8 + 100);
    }
}
