using Citadel.Storage.Filtering;
using static Citadel.Tests.Unit.Filtering.Kit;

namespace Citadel.Tests.Unit.Filtering;

public class RangeTests
{
    [Theory]
    [InlineData("""{"p": 5}""", true)]
    [InlineData("""{"p": 5.5}""", true)]
    [InlineData("""{"p": 1}""", true)]
    [InlineData("""{"p": 0.999}""", false)]
    [InlineData("""{"p": 10}""", false)]
    [InlineData("""{"p": 9.99e0}""", true)]
    [InlineData("""{"p": [100, 3]}""", true)]
    [InlineData("""{"p": "5"}""", false)]
    [InlineData("""{"p": true}""", false)]
    [InlineData("""{"p": null}""", false)]
    [InlineData("""{"p": {"x": 5}}""", false)]
    [InlineData("""{}""", false)]
    public void NumericRange_MatchesIntegersAndFloatsOnly(string payload, bool expected)
    {
        Assert.Equal(expected, Matches(Range("p", gte: 1, lt: 10), payload));
    }

    [Fact]
    public void NumericRange_BoundsAreExclusiveOrInclusiveAsGiven()
    {
        Assert.False(Matches(Range("p", gt: 5), """{"p": 5}"""));
        Assert.True(Matches(Range("p", gte: 5), """{"p": 5}"""));
        Assert.False(Matches(Range("p", lt: 5), """{"p": 5}"""));
        Assert.True(Matches(Range("p", lte: 5), """{"p": 5.0}"""));
        Assert.True(Matches(Range("p"), """{"p": -1e300}"""));
    }

    [Fact]
    public void NumericRange_LargeIntegers_CompareAsDoubles()
    {
        Assert.True(Matches(Range("p", gte: 1.8446744073709552e19), """{"p": 18446744073709551615}"""));
    }

    private static FieldCondition Dates(string key, string? gte = null, string? lt = null, string? gt = null, string? lte = null) =>
        Field(key) with { DatetimeRange = new DatetimeRange(Parse(lt), Parse(gt), Parse(gte), Parse(lte)) };

    private static DateTimeOffset? Parse(string? text) =>
        text is null ? null : QdrantDateTime.TryParse(text, out var value) ? value : throw new ArgumentException(text);

    [Theory]
    [InlineData("2023-02-08T10:49:00Z", true)]
    [InlineData("2023-02-08T10:49:00.123456Z", true)]
    [InlineData("2023-02-08t10:49:00z", true)]
    [InlineData("2023-02-08 10:49:00", true)]
    [InlineData("2023-02-08T10:49:00", true)]
    [InlineData("2023-02-08 10:49", true)]
    [InlineData("2023-02-08", true)]
    [InlineData("2023-02-08T11:49:00+01:00", true)]
    [InlineData("2023-02-08T11:49:00+0100", true)]
    [InlineData("2023-02-08T11:49:00+01", true)]
    [InlineData("2023-02-08 11:49:00 +01:00", true)]
    [InlineData("2023-02-07T23:49:00-11:00", true)]
    [InlineData("2023-02-09T00:00:00Z", false)]
    [InlineData("2023-02-07T23:59:59Z", false)]
    [InlineData("2023-02-08T10:49", false)]
    [InlineData("2023-02-08 10:49Z", false)]
    [InlineData("08/02/2023", false)]
    [InlineData("2023-02-30", false)]
    [InlineData("not a date", false)]
    public void DatetimeRange_AcceptsQdrantFormatsAndComparesInstants(string stored, bool expected)
    {
        var condition = Dates("d", gte: "2023-02-08", lt: "2023-02-09T00:00:00Z");

        Assert.Equal(expected, Matches(condition, $$"""{"d": "{{stored}}"}"""));
    }

    [Fact]
    public void DatetimeRange_OffsetsMoveTheInstant()
    {
        // 01:00 at +02:00 is 23:00 the day before in UTC.
        var feb8 = Dates("d", gte: "2023-02-08T00:00:00Z");

        Assert.False(Matches(feb8, """{"d": "2023-02-08T01:00:00+02:00"}"""));
        Assert.True(Matches(feb8, """{"d": "2023-02-08T01:00:00-02:00"}"""));
    }

    [Fact]
    public void DatetimeRange_BoundsWithOffsets_AreInstantsToo()
    {
        // After 09:00 UTC (written at +02:00), up to and including 10:00 UTC.
        var condition = Dates("d", gt: "2023-02-08T11:00:00+02:00", lte: "2023-02-08T10:00:00Z");

        Assert.False(Matches(condition, """{"d": "2023-02-08T09:00:00Z"}"""));
        Assert.True(Matches(condition, """{"d": "2023-02-08T09:00:00.0000001Z"}"""));
        Assert.True(Matches(condition, """{"d": "2023-02-08T10:00:00+00:00"}"""));
        Assert.False(Matches(condition, """{"d": "2023-02-08T10:00:00.0000001Z"}"""));
        Assert.False(Matches(condition, """{"d": "2023-02-08T10:00:00+02:00"}"""));
    }

    [Theory]
    [InlineData("""{"d": 1675853340}""")]
    [InlineData("""{"d": null}""")]
    [InlineData("""{"d": true}""")]
    [InlineData("""{}""")]
    public void DatetimeRange_IgnoresValuesThatAreNotDateStrings(string payload)
    {
        Assert.False(Matches(Dates("d", gte: "1970-01-01"), payload));
    }

    [Fact]
    public void DatetimeRange_ChecksEachArrayElement()
    {
        Assert.True(Matches(Dates("d", gte: "2024-01-01"), """{"d": ["2020-01-01", "oops", "2024-05-01T00:00:00Z"]}"""));
    }

    [Theory]
    [InlineData("2023-02-08T10:49:00Z", "2023-02-08T10:49:00.0000000+00:00")]
    [InlineData("2023-02-08T10:49:00.5+05:30", "2023-02-08T05:19:00.5000000+00:00")]
    [InlineData("2023-02-08 10:49:00.123456789", "2023-02-08T10:49:00.1234567+00:00")]
    [InlineData("2023-2-8", "2023-02-08T00:00:00.0000000+00:00")]
    [InlineData("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.9999999+00:00")]
    [InlineData("2023-02-08T10:49:00-23:59", "2023-02-09T10:48:00.0000000+00:00")]
    public void QdrantDateTime_ParsesToUtcInstants(string text, string expected)
    {
        Assert.True(QdrantDateTime.TryParse(text, out var value));
        Assert.Equal(expected, value.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2023")]
    [InlineData("2023-02")]
    [InlineData("2023-02-08T")]
    [InlineData("2023-02-08T10")]
    [InlineData("2023-02-08T10:49:00.")]
    [InlineData("2023-02-08T10:49:00+1")]
    [InlineData("2023-02-08T10:49:00+24:00")]
    [InlineData("2023-02-08T24:00:00Z")]
    [InlineData("2023-13-01")]
    [InlineData("0000-01-01")]
    [InlineData(" 2023-02-08")]
    [InlineData("2023-02-08 ")]
    [InlineData("2023-02-08X10:49:00")]
    public void QdrantDateTime_RejectsOtherForms(string text)
    {
        Assert.False(QdrantDateTime.TryParse(text, out _));
    }
}
