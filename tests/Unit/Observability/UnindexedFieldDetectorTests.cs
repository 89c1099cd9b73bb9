using Citadel.Node.Observability.Issues;
using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;
using Citadel.Tests.Shared;

namespace Citadel.Tests.Unit.Observability;

public sealed class UnindexedFieldDetectorTests
{
    [Theory]
    [InlineData("keyword")]
    [InlineData("integer")]
    [InlineData("bool")]
    [InlineData("text")]
    [InlineData("float")]
    [InlineData("datetime")]
    [InlineData("geo")]
    public void TheIndexType_IsInferredFromTheCondition(string expected)
    {
        var condition = new FieldCondition(JsonPath.Parse("f"))
        {
            Match = expected switch
            {
                "keyword" => new MatchValue(MatchScalar.Of("x")),
                "integer" => new MatchAny([MatchScalar.Of(1L)]),
                "bool" => new MatchValue(MatchScalar.Of(true)),
                "text" => new MatchText("hello"),
                _ => null,
            },
            Range = expected == "float" ? new NumericRange(1, null, null, null) : null,
            DatetimeRange = expected == "datetime" ? new DatetimeRange(DateTimeOffset.UnixEpoch, null, null, null) : null,
            GeoRadius = expected == "geo" ? new GeoRadius(new GeoPoint(0, 0), 10) : null,
        };

        Assert.Equal([("f", expected)], UnindexedFieldDetector.Fields(Filter.MustAll(new FilterCondition(new Filter([], [condition], [], null)))).Select(f => (f.Condition.Key.Text, f.Type)));
    }

    [Fact]
    public void ConditionsWithoutAUsefulIndex_AreIgnored()
    {
        var filter = new Filter([new IsEmptyCondition(JsonPath.Parse("a")), new HasIdCondition(new HashSet<Citadel.Storage.Points.PointId>())], [], [], null);
        Assert.Empty(UnindexedFieldDetector.Fields(filter));
    }
}
