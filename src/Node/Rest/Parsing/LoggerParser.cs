using Citadel.Common.Errors;
using Citadel.Node.Configuration;
using Citadel.Node.Rest.Json;

namespace Citadel.Node.Rest.Parsing;

/// <summary>
/// Reads the body of <c>POST /logger</c>: <c>{"log_level": "DEBUG", "on_disk": {"log_level": "INFO"}}</c>, both
/// optional. Qdrant's <c>span_events</c> and <c>color</c> are accepted and ignored (tracing-specific console
/// styling). Levels are the names of <c>log_level</c>; Qdrant's per-target directives (<c>info,storage=debug</c>) are
/// refused rather than half-applied.
/// </summary>
internal static class LoggerParser
{
    public static (NodeLogLevel? Console, NodeLogLevel? File) Levels(JNode body)
    {
        body.Object("log_level", "span_events", "color", "on_disk");
        NodeLogLevel? file = null;
        if (body.Optional("on_disk") is { } onDisk)
        {
            onDisk.Object("log_level", "span_events");
            file = Level(onDisk.Optional("log_level"));
        }

        return (Level(body.Optional("log_level")), file);
    }

    private static NodeLogLevel? Level(JNode? node)
    {
        if (node is not { } n)
        {
            return null;
        }

        var text = n.String();
        foreach (var (name, value) in NodeSettingsBinder.LogLevels)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw CitadelException.BadRequest($"unsupported log level `{text}`: expected one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
    }
}
