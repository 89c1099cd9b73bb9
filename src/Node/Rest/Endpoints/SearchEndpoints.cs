using Citadel.Node.Api;
using Citadel.Node.Rest.Parsing;
using Citadel.Node.Rest.Writers;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>The legacy search endpoints (the query API is in <see cref="QueryEndpoints"/>).</summary>
internal static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
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
}
