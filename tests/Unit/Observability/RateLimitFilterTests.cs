using Citadel.Node.Observability.Logging;
using Citadel.Tests.Shared;
using Serilog.Events;
using Serilog.Parsing;

namespace Citadel.Tests.Unit.Observability;

public sealed class RateLimitFilterTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    [Fact]
    public void NoisyCategory_LetsOneEventPerTemplateThroughPerWindow_AndCountsTheRest()
    {
        var clock = new ManualTime(DateTimeOffset.UnixEpoch);
        var filter = new RateLimitFilter(["DotNext"], Window, clock);

        Assert.True(filter.IsEnabled(Event("DotNext.Net.Cluster.Consensus.Raft", "Peer {Peer} unreachable")));
        Assert.False(filter.IsEnabled(Event("DotNext.Net.Cluster.Consensus.Raft", "Peer {Peer} unreachable")));
        Assert.False(filter.IsEnabled(Event("DotNext.Net.Cluster.Consensus.Raft", "Peer {Peer} unreachable")));
        Assert.True(filter.IsEnabled(Event("DotNext.Net.Cluster.Consensus.Raft", "Another {Message}")));

        clock.Now += Window;
        var next = Event("DotNext.Net.Cluster.Consensus.Raft", "Peer {Peer} unreachable");
        Assert.True(filter.IsEnabled(next));
        Assert.Equal("2", next.Properties["Suppressed"].ToString());
    }

    [Fact]
    public void OtherCategories_AreNeverLimited()
    {
        var filter = new RateLimitFilter(["DotNext"], Window, new ManualTime(DateTimeOffset.UnixEpoch));
        for (var i = 0; i < 5; i++)
        {
            Assert.True(filter.IsEnabled(Event("Citadel.Node", "Same {Thing}")));
        }
    }

    private static LogEvent Event(string source, string template) => new(
        DateTimeOffset.UtcNow,
        LogEventLevel.Warning,
        null,
        new MessageTemplateParser().Parse(template),
        [new LogEventProperty("SourceContext", new ScalarValue(source))]);
}
