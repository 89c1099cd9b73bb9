using Citadel.Node.Configuration;
using Citadel.Node.Observability.Logging;
using Serilog.Events;

namespace Citadel.Tests.Unit.Observability;

public sealed class LogLevelControlTests
{
    [Fact]
    public void RootLevel_IsTheMoreVerboseOfConsoleAndFile_AndFollowsChanges()
    {
        var settings = new NodeSettings
        {
            LogLevel = NodeLogLevel.Warn,
            Logger = new LoggerSettings { OnDisk = new OnDiskLogSettings { Enabled = true, LogFile = "/tmp/x.log", LogLevel = NodeLogLevel.Debug } },
        };
        var levels = new LogLevelControl(settings);
        Assert.Equal(LogEventLevel.Debug, levels.Root.MinimumLevel);
        Assert.Equal(LogEventLevel.Warning, levels.Console.MinimumLevel);

        levels.Set(NodeLogLevel.Trace, NodeLogLevel.Error);
        Assert.Equal(LogEventLevel.Verbose, levels.Root.MinimumLevel);
        Assert.Equal(LogEventLevel.Error, levels.File!.MinimumLevel);
        Assert.Equal(NodeLogLevel.Trace, levels.Current.Console);
    }

    [Fact]
    public void Off_SilencesEverything_AndAFileLevelWithoutAFileIsIgnored()
    {
        var levels = new LogLevelControl(new NodeSettings());
        levels.Set(NodeLogLevel.Off, NodeLogLevel.Trace);
        Assert.True(levels.Root.MinimumLevel > LogEventLevel.Fatal);
        Assert.Null(levels.File);
        Assert.Null(levels.Current.File);
    }
}
