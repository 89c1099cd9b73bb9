using Citadel.Node.Api;
using Citadel.Node.Rest.Parsing;
using Citadel.Node.Rest.Writers;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>Vector search: the query API and the legacy search endpoints.</summary>
internal static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/collections/{collection_name}/points/query", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var points = api.Query(collection_name, SearchParser.Query(body));
                return w => WritePoints(w, points);
            })).WithName("query_points");

        app.MapPost("/collections/{collection_name}/points/query/batch", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var batches = api.QueryBatch(collection_name, SearchParser.QueryBatch(body));
                return w =>
                {
                    w.WriteStartArray();
                    foreach (var points in batches)
                    {
                        WritePoints(w, points);
                    }

                    w.WriteEndArray();
                };
            })).WithName("query_batch_points");

        app.MapPost("/collections/{collection_name}/points/search", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var points = api.Search(collection_name, SearchParser.Search(body));
                return w => PointWriters.ScoredList(w, points);
            })).WithName("search_points");

        app.MapPost("/collections/{collection_name}/points/search/batch", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var batches = api.SearchBatch(collection_name, SearchParser.SearchBatch(body));
                return w =>
                {
                    w.WriteStartArray();
                    foreach (var points in batches)
                    {
                        PointWriters.ScoredList(w, points);
                    }

                    w.WriteEndArray();
                };
            })).WithName("search_batch_points");
    }

    private static void WritePoints(System.Text.Json.Utf8JsonWriter w, IEnumerable<Storage.Search.ScoredPoint> points)
    {
        w.WriteStartObject();
        w.WritePropertyName("points");
        PointWriters.ScoredList(w, points);
        w.WriteEndObject();
    }
}
