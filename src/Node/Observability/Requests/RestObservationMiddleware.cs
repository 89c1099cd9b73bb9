using System.Diagnostics;
using System.Globalization;
using Citadel.Node.Observability.Metrics;
using Citadel.Node.Security;

namespace Citadel.Node.Observability.Requests;

/// <summary>
/// Outermost REST middleware: times every request, records it by route pattern and final status (telemetry
/// <c>requests.rest</c>, <c>rest_responses_*</c> metrics) and writes one access log line. The line carries method,
/// path without query string, status and duration: never headers or bodies, so credentials cannot reach the log.
/// Probes and scrapes are not logged (Qdrant's access logger skips them too).
/// </summary>
internal sealed partial class RestObservationMiddleware(RequestDelegate next, ObservedRequests observed, NodeMetrics metrics, ILogger<RestObservationMiddleware> logger)
{
    private static readonly HashSet<string> Unlogged = new(StringComparer.Ordinal) { "/", "/metrics", "/telemetry", "/healthz", "/readyz", "/livez" };

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            var status = context.Response.StatusCode;
            if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern })
            {
                var method = context.Request.Method;
                observed.Rest.Record($"{method} {pattern}", status.ToString(CultureInfo.InvariantCulture), RouteValues.CollectionName(context), elapsed, status >= 400);
                if (status < 400)
                {
                    metrics.ObserveRest(method, pattern, elapsed);
                }
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                Log(context, status, elapsed);
            }
        }
    }

    private void Log(HttpContext context, int status, TimeSpan elapsed)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!Unlogged.Contains(path))
        {
            LogRequest(logger, context.Request.Method, path, status, elapsed.TotalMilliseconds, context.Connection.RemoteIpAddress);
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Debug, Message = "REST {Method} {Path} {Status} in {ElapsedMs:0.###} ms from {Remote}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, double elapsedMs, System.Net.IPAddress? remote);
}
