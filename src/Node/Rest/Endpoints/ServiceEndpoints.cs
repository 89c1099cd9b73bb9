namespace Citadel.Node.Rest.Endpoints;

/// <summary>Root and health endpoints (never behind authentication).</summary>
internal static class ServiceEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext ctx) => RootAsync(ctx)).WithName("root");
        app.MapGet("/healthz", () => Results.Text("healthz check passed", "text/plain")).WithName("healthz");
        app.MapGet("/livez", () => Results.Text("healthz check passed", "text/plain")).WithName("livez");
        app.MapGet("/readyz", (Security.AccessAudit audit) => audit.Writer is { RefusingRequests: true }
            ? Results.Text("not ready: the audit log cannot be written, audited requests are refused", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("all shards are ready", "text/plain")).WithName("readyz");
    }

    private static async Task RootAsync(HttpContext ctx)
    {
        ctx.Response.ContentType = "application/json";
        await using var w = new System.Text.Json.Utf8JsonWriter(ctx.Response.BodyWriter);
        w.WriteStartObject();
        w.WriteString("title", VersionInfo.Title);
        w.WriteString("version", VersionInfo.Version);
        if (VersionInfo.Commit is { } commit)
        {
            w.WriteString("commit", commit);
        }

        w.WriteEndObject();
    }
}
