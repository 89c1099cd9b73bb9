using Citadel.Node.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace Citadel.Node.Observability.Logging;

/// <summary>
/// The run-time log levels behind <c>GET/POST /logger</c>: one switch for the console, one for the optional log
/// file, and the root switch at the more verbose of the two, so that events no sink wants are dropped before they
/// are built.
/// </summary>
internal sealed class LogLevelControl
{
    private readonly object _gate = new();
    private readonly LoggerSettings _logger;
    private NodeLogLevel _console;
    private NodeLogLevel? _file;

    public LogLevelControl(NodeSettings settings)
    {
        _logger = settings.Logger;
        _console = settings.LogLevel;
        _file = settings.Logger.OnDisk is { Enabled: true, LogFile: not null } onDisk ? onDisk.LogLevel ?? settings.LogLevel : null;
        Console = new LoggingLevelSwitch(ToSerilog(_console));
        File = _file is { } f ? new LoggingLevelSwitch(ToSerilog(f)) : null;
        Root = new LoggingLevelSwitch(RootLevel());
    }

    /// <summary>The logger's minimum level.</summary>
    public LoggingLevelSwitch Root { get; }

    public LoggingLevelSwitch Console { get; }

    /// <summary>Null when no log file is written.</summary>
    public LoggingLevelSwitch? File { get; }

    /// <summary>The console format, console level, and the file's settings (level null when off).</summary>
    public (LogFormat Format, NodeLogLevel Console, OnDiskLogSettings? OnDisk, NodeLogLevel? File) Current
    {
        get
        {
            lock (_gate)
            {
                return (_logger.Format, _console, _logger.OnDisk, _file);
            }
        }
    }

    /// <summary>Changes the levels given; a file level is ignored when no log file is written.</summary>
    public void Set(NodeLogLevel? console, NodeLogLevel? file)
    {
        lock (_gate)
        {
            if (console is { } c)
            {
                _console = c;
                Console.MinimumLevel = ToSerilog(c);
            }

            if (file is { } f && File is not null)
            {
                _file = f;
                File.MinimumLevel = ToSerilog(f);
            }

            Root.MinimumLevel = RootLevel();
        }
    }

    /// <summary>Serilog's level for a configured one; <c>OFF</c> is above every event.</summary>
    public static LogEventLevel ToSerilog(NodeLogLevel level) => level switch
    {
        NodeLogLevel.Trace => LogEventLevel.Verbose,
        NodeLogLevel.Debug => LogEventLevel.Debug,
        NodeLogLevel.Info => LogEventLevel.Information,
        NodeLogLevel.Warn => LogEventLevel.Warning,
        NodeLogLevel.Error => LogEventLevel.Error,
        _ => LevelAlias.Off,
    };

    private LogEventLevel RootLevel()
    {
        var root = ToSerilog(_console);
        return _file is { } f && ToSerilog(f) < root ? ToSerilog(f) : root;
    }
}
