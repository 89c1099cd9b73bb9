using Citadel.Node.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace Citadel.Node.Hosting;

/// <summary>Serilog set up from <c>log_level</c> and <c>logger</c>: console always, optionally a file copy.</summary>
internal sealed class NodeLogging : IDisposable
{
    private readonly Logger _logger;

    private NodeLogging(Logger logger)
    {
        _logger = logger;
        Factory = new SerilogLoggerFactory(logger, dispose: false);
    }

    /// <summary>The factory every component logs through.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory Factory { get; }

    /// <summary>The Serilog root, for the hosts' logging providers.</summary>
    public Serilog.ILogger Serilog => _logger;

    public static NodeLogging Create(NodeSettings settings)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(Level(settings.LogLevel) ?? LogEventLevel.Information)
            // Framework categories are chatty at Information; keep their warnings and errors.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Grpc", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        if (Level(settings.LogLevel) is null)
        {
            config = config.MinimumLevel.Override(string.Empty, LogEventLevel.Fatal);
        }

        config = settings.Logger.Format == LogFormat.Json
            ? config.WriteTo.Console(new CompactJsonFormatter())
            : config.WriteTo.Console(outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} {Level:u4} {SourceContext}: {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (settings.Logger.OnDisk is { Enabled: true, LogFile: { } file } onDisk)
        {
            var fileLevel = Level(onDisk.LogLevel ?? settings.LogLevel) ?? LogEventLevel.Fatal;
            config = onDisk.Format == LogFormat.Json
                ? config.WriteTo.File(new CompactJsonFormatter(), file, fileLevel)
                : config.WriteTo.File(file, fileLevel, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        return new NodeLogging(config.CreateLogger());
    }

    public void Dispose()
    {
        Factory.Dispose();
        _logger.Dispose();
    }

    private static LogEventLevel? Level(NodeLogLevel level) => level switch
    {
        NodeLogLevel.Trace => LogEventLevel.Verbose,
        NodeLogLevel.Debug => LogEventLevel.Debug,
        NodeLogLevel.Info => LogEventLevel.Information,
        NodeLogLevel.Warn => LogEventLevel.Warning,
        NodeLogLevel.Error => LogEventLevel.Error,
        _ => null,
    };
}
