namespace Citadel.Node.Configuration;

/// <summary>Binds the <c>service</c> section, including Qdrant's "empty key means unset" rule.</summary>
internal static class ServiceSettingsBinder
{
    public static ServiceSettings Bind(ConfigSection section, string workingDirectory, ICollection<LoadMessage> messages)
    {
        var d = new ServiceSettings();
        return new ServiceSettings
        {
            Host = section.GetString("host", d.Host),
            HttpPort = section.GetPort("http_port", d.HttpPort),
            GrpcPort = section.GetNullablePort("grpc_port", d.GrpcPort),
            MetricsPort = section.GetNullablePort("metrics_port", d.MetricsPort),
            MaxRequestSizeMb = section.GetInt("max_request_size_mb", 1, int.MaxValue, d.MaxRequestSizeMb),
            MaxWorkers = section.GetNullableInt("max_workers", 0, int.MaxValue, d.MaxWorkers),
            HttpKeepAliveTimeoutSec = section.GetInt("http_keep_alive_timeout_sec", 1, int.MaxValue, d.HttpKeepAliveTimeoutSec),
            HttpClientRequestTimeoutSec = section.GetInt("http_client_request_timeout_sec", 1, int.MaxValue, d.HttpClientRequestTimeoutSec),
            HttpClientDisconnectTimeoutSec = section.GetInt("http_client_disconnect_timeout_sec", 1, int.MaxValue, d.HttpClientDisconnectTimeoutSec),
            EnableCors = section.GetBool("enable_cors", d.EnableCors),
            EnableTls = section.GetBool("enable_tls", d.EnableTls),
            VerifyHttpsClientCertificate = section.GetBool("verify_https_client_certificate", d.VerifyHttpsClientCertificate),
            ApiKey = ReadKey(section, "api_key", messages),
            AltApiKey = ReadKey(section, "alt_api_key", messages),
            ReadOnlyApiKey = ReadKey(section, "read_only_api_key", messages),

            // Option<bool> upstream: null means off.
            JwtRbac = section.GetNullableBool("jwt_rbac", d.JwtRbac) ?? false,
            EnforceInternalAuth = section.GetNullableBool("enforce_internal_auth", d.EnforceInternalAuth) ?? false,
            HideJwtDashboard = section.GetNullableBool("hide_jwt_dashboard", d.HideJwtDashboard),
            StaticContentDir = PathResolver.Resolve(ReadStaticContentDir(section, d.StaticContentDir), workingDirectory),
            EnableStaticContent = section.GetNullableBool("enable_static_content", d.EnableStaticContent) ?? true,
            SlowQuerySecs = section.GetNullableDouble("slow_query_secs", 0, double.PositiveInfinity, d.SlowQuerySecs),
            HardwareReporting = section.GetNullableBool("hardware_reporting", d.HardwareReporting) ?? false,
            MetricsPrefix = ReadMetricsPrefix(section),
            EnableSnapshotUrlRecovery = section.GetBool("enable_snapshot_url_recovery", d.EnableSnapshotUrlRecovery),
            AllowInsecurePublicBind = section.GetBool("allow_insecure_public_bind", d.AllowInsecurePublicBind),
        };
    }

    private static string? ReadKey(ConfigSection section, string key, ICollection<LoadMessage> messages)
    {
        var value = section.GetNullableString(key, null);

        // An empty QDRANT__SERVICE__API_KEY is how deployments switch a key off; say so rather than
        // leave an operator believing the node is protected.
        if (value is { Length: 0 })
        {
            messages.Add(LoadMessage.Warning($"`{section.KeyOf(key)}` is set to an empty string and is treated as unset"));
            return null;
        }

        return value;
    }

    // Option<String> upstream: unset (or empty) falls back to ./static.
    private static string ReadStaticContentDir(ConfigSection section, string fallback) =>
        section.GetNullableString("static_content_dir", fallback) is { Length: > 0 } dir ? dir : fallback;

    private static string? ReadMetricsPrefix(ConfigSection section)
    {
        var prefix = section.GetNullableString("metrics_prefix", null);
        if (string.IsNullOrEmpty(prefix))
        {
            return null;
        }

        // Metric names must stay valid Prometheus identifiers.
        if (!prefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw section.Invalid("metrics_prefix", "made of ASCII letters, digits and `_` only", section.Find("metrics_prefix")!);
        }

        return prefix;
    }
}
