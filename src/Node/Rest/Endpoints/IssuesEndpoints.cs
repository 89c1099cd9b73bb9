using Citadel.Node.Observability;
using Citadel.Node.Rest.Writers;
using Citadel.Node.Security;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>
/// <c>GET /issues</c> (any caller; a collection-scoped token sees its collections' issues only) and
/// <c>DELETE /issues</c> (global manage).
/// </summary>
internal static class IssuesEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/issues", (HttpContext ctx, NodeObservability o) => RestHandler.NoBody(ctx, () =>
        {
            o.AuditIssues.Refresh();
            var issues = o.Issues.VisibleTo(RequestAuth.Of(ctx).Access);
            return w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("issues");
                foreach (var issue in issues)
                {
                    IssueJson.Write(w, issue);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            };
        })).WithName("get_issues");
        app.MapDelete("/issues", (HttpContext ctx, NodeObservability o) => RestHandler.NoBody(ctx, () =>
        {
            o.Issues.Clear();
            return RestHandler.Bool(true);
        })).WithName("clear_issues");
    }
}
