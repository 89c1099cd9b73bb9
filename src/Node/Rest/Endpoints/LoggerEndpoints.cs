using System.Text.Json;
using Citadel.Node.Configuration;
using Citadel.Node.Observability.Logging;
using Citadel.Node.Rest.Parsing;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>
/// <c>GET /logger</c> (global read) and <c>POST /logger</c> (global manage, audited): read and change the console and
/// log-file levels at run time. Not in Qdrant's OpenAPI document, but served by Qdrant 1.19.
/// </summary>
internal static class LoggerEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/logger", (HttpContext ctx, LogLevelControl levels) => RestHandler.NoBody(ctx, () =>
        {
            var current = levels.Current;
            return w => Write(w, current);
        })).WithName("get_logger_config");
        app.MapPost("/logger", (HttpContext ctx, LogLevelControl levels) => RestHandler.WithBody(ctx, body =>
        {
            var (console, file) = LoggerParser.Levels(body);
            levels.Set(console, file);
            return RestHandler.Bool(true);
        })).WithName("update_logger_config");
    }

    private static void Write(Utf8JsonWriter w, (LogFormat Format, NodeLogLevel Console, OnDiskLogSettings? OnDisk, NodeLogLevel? File) current)
    {
        w.WriteStartObject();
        w.WriteString("log_level", Name(current.Console));
        w.WriteString("format", Format(current.Format));
        w.WritePropertyName("on_disk");
        w.WriteStartObject();
        w.WriteBoolean("enabled", current.File is not null);
        if (current.OnDisk?.LogFile is { } file)
        {
            w.WriteString("log_file", file);
        }
        else
        {
            w.WriteNull("log_file");
        }

        if (current.File is { } level)
        {
            w.WriteString("log_level", Name(level));
        }
        else
        {
            w.WriteNull("log_level");
        }

        w.WriteString("format", Format(current.OnDisk?.Format ?? LogFormat.Text));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Name(NodeLogLevel level) => NodeSettingsBinder.LogLevels.First(l => l.Value == level).Name;

    private static string Format(LogFormat format) => format == LogFormat.Json ? "json" : "text";
}
