using System.Diagnostics;
using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Node.Errors;

namespace Citadel.Node.Rest;

/// <summary>
/// Writes Qdrant's REST envelope: <c>{"result": …, "status": "ok", "time": seconds}</c> on success and
/// <c>{"status": {"error": "…"}, "time": seconds}</c> on failure.
/// </summary>
internal static class RestResults
{
    private const string StartKey = "citadel.start";

    /// <summary>Remembers when the request started, for the <c>time</c> field.</summary>
    public static void MarkStart(HttpContext context) => context.Items[StartKey] = Stopwatch.GetTimestamp();

    public static double Elapsed(HttpContext context) =>
        context.Items.TryGetValue(StartKey, out var v) && v is long start ? Stopwatch.GetElapsedTime(start).TotalSeconds : 0;

    public static async Task WriteOk(HttpContext context, Action<Utf8JsonWriter> writeResult)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await using (var w = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            w.WriteStartObject();
            w.WritePropertyName("result");
            writeResult(w);
            w.WriteString("status", "ok");
            w.WriteNumber("time", Elapsed(context));
            w.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public static async Task WriteError(HttpContext context, CitadelException error)
    {
        if (error.Kind == ErrorKind.Unauthorized)
        {
            // Qdrant's auth middleware answers with the bare message, no envelope.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync(error.Message, context.RequestAborted);
            return;
        }

        context.Response.StatusCode = ErrorMapping.HttpStatus(error.Kind);
        if (error.RetryAfterSeconds is { } retry)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retry).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await using (var w = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            w.WriteStartObject();
            w.WritePropertyName("status");
            w.WriteStartObject();
            w.WriteString("error", error.Message);
            w.WriteEndObject();
            w.WriteNumber("time", Elapsed(context));
            w.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
