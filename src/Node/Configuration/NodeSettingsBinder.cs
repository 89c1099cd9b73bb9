namespace Citadel.Node.Configuration;

/// <summary>
/// Builds <see cref="NodeSettings"/> from the merged tree. Each known key is read explicitly with a typed
/// accessor; unknown keys are never looked at, which is how they end up ignored.
/// </summary>
internal static class NodeSettingsBinder
{
    internal static readonly (string Name, NodeLogLevel Value)[] LogLevels =
    [
        ("TRACE", NodeLogLevel.Trace),
        ("DEBUG", NodeLogLevel.Debug),
        ("INFO", NodeLogLevel.Info),
        ("WARN", NodeLogLevel.Warn),
        ("ERROR", NodeLogLevel.Error),
        ("OFF", NodeLogLevel.Off),
    ];

    private static readonly (string Name, AuditFailureMode Value)[] FailureModes =
    [
        ("refuse", AuditFailureMode.Refuse),
        ("drop", AuditFailureMode.Drop),
    ];

    private static readonly (string Name, LogFormat Value)[] LogFormats = [("text", LogFormat.Text), ("json", LogFormat.Json)];

    private static readonly (string Name, AuditRotation Value)[] Rotations = [("daily", AuditRotation.Daily), ("hourly", AuditRotation.Hourly)];

    public static NodeSettings Bind(ConfigMap tree, string workingDirectory, ICollection<LoadMessage> messages)
    {
        var root = new ConfigSection(string.Empty, tree);
        var defaults = new NodeSettings();
        return new NodeSettings
        {
            // Qdrant treats a null log_level as its default, INFO.
            LogLevel = root.GetNullableChoice("log_level", LogLevels, defaults.LogLevel) ?? defaults.LogLevel,
            Logger = BindLogger(root.Section("logger"), workingDirectory),
            Storage = StorageSettingsBinder.Bind(root.Section("storage"), workingDirectory),
            Service = ServiceSettingsBinder.Bind(root.Section("service"), workingDirectory, messages),
            Cluster = ClusterSettingsBinder.Bind(root.Section("cluster")),
            Tls = BindTls(root, workingDirectory),
            Audit = BindAudit(root.Section("audit"), workingDirectory),
            TelemetryDisabled = root.GetBool("telemetry_disabled", defaults.TelemetryDisabled),
        };
    }

    private static LoggerSettings BindLogger(ConfigSection section, string workingDirectory)
    {
        var defaults = new LoggerSettings();
        var onDisk = section.Section("on_disk");
        return new LoggerSettings
        {
            Format = section.GetChoice("format", LogFormats, defaults.Format),
            OnDisk = onDisk.IsMissing ? null : BindOnDiskLog(onDisk, workingDirectory),
        };
    }

    private static OnDiskLogSettings BindOnDiskLog(ConfigSection section, string workingDirectory)
    {
        var defaults = new OnDiskLogSettings();
        var settings = new OnDiskLogSettings
        {
            Enabled = section.GetBool("enabled", defaults.Enabled),
            LogFile = PathResolver.ResolveOptional(section.GetNullableString("log_file", defaults.LogFile), workingDirectory),
            LogLevel = section.GetNullableChoice("log_level", LogLevels, defaults.LogLevel),
            Format = section.GetChoice("format", LogFormats, defaults.Format),
            BufferSizeBytes = section.GetNullableInt("buffer_size_bytes", 1, int.MaxValue, defaults.BufferSizeBytes),
        };

        if (settings.Enabled && settings.LogFile is null)
        {
            throw section.Invalid("log_file", "must be set when `logger.on_disk.enabled` is true");
        }

        return settings;
    }

    private static TlsSettings? BindTls(ConfigSection root, string workingDirectory)
    {
        var section = root.Section("tls");

        // Qdrant's `tls` is optional: a layer may remove it with `tls: null`; enabling TLS then fails later.
        if (section.IsMissing)
        {
            return null;
        }

        var defaults = new TlsSettings();
        var ttl = section.GetNullableInt("cert_ttl", 0, int.MaxValue, defaults.CertTtlSec);
        return new TlsSettings
        {
            Cert = PathResolver.Resolve(section.GetString("cert", defaults.Cert), workingDirectory),
            Key = PathResolver.Resolve(section.GetString("key", defaults.Key), workingDirectory),
            CaCert = PathResolver.ResolveOptional(section.GetNullableString("ca_cert", defaults.CaCert), workingDirectory),

            // 0 and null both switch reloading off; one representation is easier for the reloader.
            CertTtlSec = ttl is 0 ? null : ttl,
        };
    }

    private static AuditSettings BindAudit(ConfigSection section, string workingDirectory)
    {
        var defaults = new AuditSettings();
        return new AuditSettings
        {
            Enabled = section.GetBool("enabled", defaults.Enabled),
            Dir = PathResolver.Resolve(section.GetString("dir", defaults.Dir), workingDirectory),
            Rotation = section.GetChoice("rotation", Rotations, defaults.Rotation),

            // Qdrant keeps at least one file whatever the setting says.
            MaxLogFiles = (int)Math.Max(1, section.GetLong("max_log_files", long.MinValue, int.MaxValue, defaults.MaxLogFiles)),
            TrustForwardedHeaders = section.GetBool("trust_forwarded_headers", defaults.TrustForwardedHeaders),
            LogApi = section.GetBool("log_api", defaults.LogApi),
            FailurePolicy = section.GetChoice("on_write_failure", FailureModes, defaults.FailurePolicy),
        };
    }
}
