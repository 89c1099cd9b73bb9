using System.Text.Json;

namespace Citadel.Node.Observability.Telemetry;

/// <summary>Telemetry's <c>app</c> section (Qdrant's <c>AppBuildTelemetry</c>).</summary>
internal static class AppSection
{
    public static void Write(Utf8JsonWriter w, TelemetryContext context)
    {
        var settings = context.Settings;
        w.WriteStartObject();
        w.WriteString("name", "citadel");
        w.WriteString("version", VersionInfo.Version);
        w.WritePropertyName("features");
        w.WriteStartObject();
        w.WriteBoolean("debug", false);
        w.WriteBoolean("service_debug_feature", false);
        w.WriteBoolean("recovery_mode", false);
        w.WriteBoolean("gpu", false);
        w.WriteBoolean("rocksdb", false);
        w.WriteBoolean("staging", false);
        w.WriteEndObject();
        if (context.Request.DetailsLevel >= 1)
        {
            w.WritePropertyName("system");
            System(w, settings.Storage.StoragePath);
        }

        w.WriteBoolean("jwt_rbac", settings.Service.JwtRbac);
        if (settings.Service.HideJwtDashboard is { } hide)
        {
            w.WriteBoolean("hide_jwt_dashboard", hide);
        }

        if (context.Global && settings.Audit.Enabled)
        {
            var audit = settings.Audit;
            w.WritePropertyName("audit");
            w.WriteStartObject();
            w.WriteString("dir", context.Anonymizer.Name(audit.Dir));
            w.WriteString("rotation", audit.Rotation.ToString().ToLowerInvariant());
            w.WriteNumber("max_log_files", audit.MaxLogFiles);
            w.WriteBoolean("trust_forwarded_headers", audit.TrustForwardedHeaders);
            w.WriteBoolean("log_api", audit.LogApi);
            w.WriteEndObject();
        }

        w.WriteString("startup", context.Observability.StartedAt);
        w.WriteEndObject();
    }

    private static void System(Utf8JsonWriter w, string storagePath)
    {
        w.WriteStartObject();
        w.WriteString("distribution", Environment.OSVersion.Platform.ToString());
        w.WriteString("distribution_version", Environment.OSVersion.VersionString);
        w.WriteBoolean("is_docker", File.Exists("/.dockerenv"));
        w.WriteNumber("cores", Environment.ProcessorCount);
        w.WriteNumber("ram_size", ProcessMemory.AvailableBytes() / 1024);
        if (DiskKb(storagePath) is { } disk)
        {
            w.WriteNumber("disk_size", disk);
        }

        w.WriteString("cpu_flags", string.Empty);
        w.WriteString("cpu_endian", BitConverter.IsLittleEndian ? "little" : "big");
        w.WriteEndObject();
    }

    private static long? DiskKb(string storagePath)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(storagePath)).TotalSize / 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
