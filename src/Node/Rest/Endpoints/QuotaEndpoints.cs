using Citadel.Node.Configuration;
using Citadel.Node.Observability;
using Citadel.Node.Observability.Quotas;
using Citadel.Node.Rest.Parsing;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>
/// <c>GET /quotas</c> (global read): the config in force and this node's utilisation; <c>PUT /quotas</c> (global
/// manage): replace the config, through <see cref="IQuotaUpdater"/> (consensus in a cluster).
/// </summary>
internal static class QuotaEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/quotas", (HttpContext ctx, NodeObservability o, NodeSettings s) => RestHandler.NoBody(ctx, () =>
        {
            var config = o.Quotas.Current;
            var usage = QuotaUsage.Measure(s.Storage.StoragePath);
            return w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("config");
                config.Write(w);
                w.WritePropertyName("usage");
                w.WriteStartObject();
                WritePercent(w, "resident_memory_percent", usage.ResidentMemoryPercent);
                WritePercent(w, "disk_usage_percent", usage.DiskUsagePercent);
                w.WriteEndObject();
                w.WriteEndObject();
            };
        })).WithName("get_quotas");
        app.MapPut("/quotas", (HttpContext ctx, NodeObservability o) => RestHandler.WithBody(ctx, async body =>
        {
            var wait = RestQuery.Bool(ctx.Request, "wait") ?? false;
            await o.QuotaUpdater.UpdateAsync(QuotaParser.Config(body), wait, ctx.RequestAborted);
            return RestHandler.Bool(true);
        })).WithName("update_quotas");
    }

    private static void WritePercent(System.Text.Json.Utf8JsonWriter w, string name, byte? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
