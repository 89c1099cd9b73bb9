using Citadel.Node.Api;
using Citadel.Node.Rest.Json;
using Citadel.Node.Rest.Parsing;
using Citadel.Node.Rest.Writers;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>Payload indexes (Qdrant's Indexes tag) and facets.</summary>
internal static class PayloadIndexEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPut("/collections/{collection_name}/index", (HttpContext ctx, string collection_name, PayloadIndexApi api) =>
            RestHandler.WithBody(ctx, async body =>
            {
                var (field, schema) = PayloadIndexParser.CreateIndex(body);
                var result = await api.CreateAsync(collection_name, field, schema, RestQuery.Write(ctx.Request), ctx.RequestAborted);
                return w => PointWriters.Update(w, result);
            })).WithName("create_field_index");

        app.MapDelete("/collections/{collection_name}/index/{field_name}", (HttpContext ctx, string collection_name, string field_name, PayloadIndexApi api) =>
            RestHandler.NoBody(ctx, async () =>
            {
                var field = PayloadIndexParser.FieldName(new JNode(System.Text.Json.JsonSerializer.SerializeToElement(field_name), "field_name"));
                var result = await api.DeleteAsync(collection_name, field, RestQuery.Write(ctx.Request), ctx.RequestAborted);
                return w => PointWriters.Update(w, result);
            })).WithName("delete_field_index");

        app.MapPost("/collections/{collection_name}/facet", (HttpContext ctx, string collection_name, PayloadIndexApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var hits = api.Facet(collection_name, FacetParser.Facet(body));
                return w => PayloadIndexWriters.Facet(w, hits);
            })).WithName("facet");
    }
}
