using Citadel.Node.Configuration;
using Citadel.Node.Observability.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace Citadel.Node.Hosting;

/// <summary>
/// Serilog set up from <c>log_level</c> and <c>logger</c>: console always, optionally a file copy; levels changeable
/// at run time (<see cref="Levels"/>), configured keys and JWTs masked in every event, noisy library categories
/// rate-limited.
/// </summary>
internal sealed class NodeLogging : IDisposable
{
    // Libraries that log the same failure in a loop (DotNext: one stack trace per retry to a down peer).
    private static readonly string[] RateLimited = ["DotNext", "Microsoft.AspNetCore.Server.Kestrel"];
    private static readonly TimeSpan RateLimitWindow = TimeSpan.FromSeconds(30);

    private readonly Logger _logger;

    private NodeLogging(Logger logger, LogLevelControl levels)
    {
        _logger = logger;
        Levels = levels;
        Factory = new SerilogLoggerFactory(logger, dispose: false);
    }

    /// <summary>The factory every component logs through.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory Factory { get; }

    /// <summary>The Serilog root, for the hosts' logging providers.</summary>
    public Serilog.ILogger Serilog => _logger;

    /// <summary>The run-time levels (<c>/logger</c>).</summary>
    public LogLevelControl Levels { get; }

    public static NodeLogging Create(NodeSettings settings)
    {
        var levels = new LogLevelControl(settings);
        var service = settings.Service;
        var config = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(levels.Root)
            // Framework categories are chatty at Information; keep their warnings and errors.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Grpc", LogEventLevel.Warning)
            .MinimumLevel.Override("DotNext", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.With(new SecretScrubber([service.ApiKey, service.AltApiKey, service.ReadOnlyApiKey]))
            .Filter.With(new RateLimitFilter(RateLimited, RateLimitWindow, TimeProvider.System));

        config = settings.Logger.Format == LogFormat.Json
            ? config.WriteTo.Console(new CompactJsonFormatter(), levelSwitch: levels.Console)
            : config.WriteTo.Console(outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} {Level:u4} {SourceContext}: {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture, levelSwitch: levels.Console);
        if (settings.Logger.OnDisk is { Enabled: true, LogFile: { } file } onDisk && levels.File is { } fileLevel)
        {
            config = onDisk.Format == LogFormat.Json
                ? config.WriteTo.File(new CompactJsonFormatter(), file, levelSwitch: fileLevel)
                : config.WriteTo.File(file, levelSwitch: fileLevel, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        return new NodeLogging(config.CreateLogger(), levels);
    }

    public void Dispose()
    {
        Factory.Dispose();
        _logger.Dispose();
    }
}
