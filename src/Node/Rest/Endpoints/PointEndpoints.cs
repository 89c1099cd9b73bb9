using Citadel.Node.Api;
using Citadel.Node.Rest.Parsing;
using Citadel.Node.Rest.Writers;
using Citadel.Storage.Operations;
using Citadel.Storage.Points;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>Point reads and writes (Qdrant's Points tag).</summary>
internal static class PointEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        MapUpdate(app, HttpMethods.Put, "/collections/{collection_name}/points", "upsert_points", PointsParser.Upsert);
        MapUpdate(app, HttpMethods.Post, "/collections/{collection_name}/points/delete", "delete_points", b => new DeletePoints(PointsParser.Selector(b)));
        MapUpdate(app, HttpMethods.Post, "/collections/{collection_name}/points/payload", "set_payload", PointsParser.SetPayload);
        MapUpdate(app, HttpMethods.Put, "/collections/{collection_name}/points/payload", "overwrite_payload", PointsParser.OverwritePayload);
        MapUpdate(app, HttpMethods.Post, "/collections/{collection_name}/points/payload/delete", "delete_payload", PointsParser.DeletePayload);
        MapUpdate(app, HttpMethods.Post, "/collections/{collection_name}/points/payload/clear", "clear_payload", b => new ClearPayload(PointsParser.Selector(b)));
        MapUpdate(app, HttpMethods.Put, "/collections/{collection_name}/points/vectors", "update_vectors", PointsParser.UpdateVectors);
        MapUpdate(app, HttpMethods.Post, "/collections/{collection_name}/points/vectors/delete", "delete_vectors", PointsParser.DeleteVectors);

        app.MapPost("/collections/{collection_name}/points/batch", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, async body =>
            {
                var ops = PointsParser.Operations(body);
                var results = await api.BatchAsync(collection_name, ops, RestQuery.Write(ctx.Request), ctx.RequestAborted);
                return w =>
                {
                    w.WriteStartArray();
                    foreach (var r in results)
                    {
                        PointWriters.Update(w, r);
                    }

                    w.WriteEndArray();
                };
            })).WithName("batch_update");

        app.MapGet("/collections/{collection_name}/points/{id}", (HttpContext ctx, string collection_name, string id, PointsApi api) =>
            RestHandler.NoBody(ctx, () =>
            {
                RestQuery.Read(ctx.Request);
                var point = api.GetPoint(collection_name, PointId.ParseText(id));
                return w => PointWriters.Record(w, point);
            })).WithName("get_point");

        app.MapPost("/collections/{collection_name}/points", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var points = api.Retrieve(collection_name, SearchParser.Retrieve(body));
                return w =>
                {
                    w.WriteStartArray();
                    foreach (var p in points)
                    {
                        PointWriters.Record(w, p);
                    }

                    w.WriteEndArray();
                };
            })).WithName("get_points");

        app.MapPost("/collections/{collection_name}/points/scroll", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var page = api.Scroll(collection_name, SearchParser.Scroll(body));
                return w =>
                {
                    w.WriteStartObject();
                    w.WritePropertyName("points");
                    w.WriteStartArray();
                    foreach (var p in page.Points)
                    {
                        PointWriters.Record(w, p);
                    }

                    w.WriteEndArray();
                    w.WritePropertyName("next_page_offset");
                    if (page.NextPageOffset is { } next)
                    {
                        PointWriters.Id(w, next);
                    }
                    else
                    {
                        w.WriteNullValue();
                    }

                    w.WriteEndObject();
                };
            })).WithName("scroll_points");

        app.MapPost("/collections/{collection_name}/points/count", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var count = api.Count(collection_name, SearchParser.Count(body).Filter);
                return w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("count", count);
                    w.WriteEndObject();
                };
            })).WithName("count_points");
    }

    private static void MapUpdate(IEndpointRouteBuilder app, string method, string pattern, string name, Func<Json.JNode, UpdateOperation> parse) =>
        app.MapMethods(pattern, [method], (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, async body =>
            {
                var op = parse(body);
                var result = await api.UpdateAsync(collection_name, op, RestQuery.Write(ctx.Request), ctx.RequestAborted);
                return w => PointWriters.Update(w, result);
            })).WithName(name);
}
