namespace Citadel.Node.Configuration;

/// <summary>The <c>logger</c> section: console format and an optional copy of the log on disk.</summary>
public sealed record LoggerSettings
{
    /// <summary>Console log format (<c>logger.format</c>).</summary>
    public LogFormat Format { get; init; } = LogFormat.Text;

    /// <summary>Log file settings (<c>logger.on_disk</c>); null when the section is absent.</summary>
    public OnDiskLogSettings? OnDisk { get; init; }
}

/// <summary>The <c>logger.on_disk</c> section.</summary>
public sealed record OnDiskLogSettings
{
    /// <summary>Whether the file log is written.</summary>
    public bool Enabled { get; init; }

    /// <summary>Absolute path of the log file; required when <see cref="Enabled"/>.</summary>
    public string? LogFile { get; init; }

    /// <summary>Level of the file log; null means the same as <c>log_level</c>.</summary>
    public NodeLogLevel? LogLevel { get; init; }

    /// <summary>Format of the file log.</summary>
    public LogFormat Format { get; init; } = LogFormat.Text;

    /// <summary>Write buffer size in bytes; null means the logger's default.</summary>
    public int? BufferSizeBytes { get; init; }
}

/// <summary>Log line format.</summary>
public enum LogFormat
{
    /// <summary>Human-readable lines.</summary>
    Text,

    /// <summary>One JSON object per line.</summary>
    Json,
}
