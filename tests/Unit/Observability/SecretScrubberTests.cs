using Citadel.Node.Observability.Logging;
using Citadel.Tests.Shared;
using Serilog.Events;
using Serilog.Parsing;

namespace Citadel.Tests.Unit.Observability;

public sealed class SecretScrubberTests
{
    private const string Key = "the-admin-key-0123456789";

    [Fact]
    public void ConfiguredKeys_AreMasked_InsideLongerText()
    {
        var scrubber = new SecretScrubber([Key, null, string.Empty]);
        Assert.Equal("header api-key: *** seen", scrubber.Scrub($"header api-key: {Key} seen"));
    }

    [Fact]
    public void AnythingShapedLikeAJwt_IsMasked_EvenWhenSignedWithAnUnknownSecret()
    {
        var token = Tokens.Hs256("some-other-secret-0123456789-abcdef", new { access = "m" });
        Assert.Equal("Bearer ***", new SecretScrubber([]).Scrub("Bearer " + token));
    }

    [Fact]
    public void CleanText_IsReturnedAsIs()
    {
        const string text = "GET /collections/col 200";
        Assert.Same(text, new SecretScrubber([Key]).Scrub(text));
    }

    [Fact]
    public void StringProperties_OfAnEvent_AreRewritten()
    {
        var parsed = new MessageTemplateParser().Parse("Refused {Credential}");
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Warning, null, parsed, [new LogEventProperty("Credential", new ScalarValue(Key))]);
        new SecretScrubber([Key]).Enrich(logEvent, null!);
        Assert.Equal("\"***\"", logEvent.Properties["Credential"].ToString());
    }

    [Fact]
    public void NestedValues_AreRewrittenToo()
    {
        var parsed = new MessageTemplateParser().Parse("Request {@Request}");
        var structure = new StructureValue([new LogEventProperty("Headers", new SequenceValue([new ScalarValue("api-key: " + Key)]))]);
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Warning, null, parsed, [new LogEventProperty("Request", structure)]);
        new SecretScrubber([Key]).Enrich(logEvent, null!);
        Assert.DoesNotContain(Key, logEvent.Properties["Request"].ToString(), StringComparison.Ordinal);
        Assert.Contains("api-key: ***", logEvent.Properties["Request"].ToString(), StringComparison.Ordinal);
    }
}
