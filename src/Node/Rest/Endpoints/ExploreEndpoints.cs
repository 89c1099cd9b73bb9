using Citadel.Node.Api;
using Citadel.Node.Rest.Parsing;
using Citadel.Node.Rest.Writers;
using Citadel.Node.Security;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>
/// The legacy explore endpoints (removed from Qdrant's OpenAPI in 1.19 but still served): recommend, discover and
/// grouped search. They answer bare lists (or <c>GroupsResult</c>) like the legacy search.
/// </summary>
internal static class ExploreEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/collections/{collection_name}/points/recommend", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var points = api.Query(collection_name, ExploreParser.Recommend(body), RequestAuth.Of(ctx));
                return w => PointWriters.ScoredList(w, points);
            })).WithName("recommend_points");

        app.MapPost("/collections/{collection_name}/points/recommend/batch", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var batches = api.QueryBatch(collection_name, ExploreParser.RecommendBatch(body), RequestAuth.Of(ctx));
                return w => QueryWriters.Batch(w, batches, PointWriters.ScoredList);
            })).WithName("recommend_batch_points");

        app.MapPost("/collections/{collection_name}/points/recommend/groups", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var groups = api.QueryGroups(collection_name, ExploreParser.RecommendGroups(body), RequestAuth.Of(ctx));
                return w => QueryWriters.Groups(w, groups);
            })).WithName("recommend_point_groups");

        app.MapPost("/collections/{collection_name}/points/discover", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var points = api.Query(collection_name, ExploreParser.Discover(body), RequestAuth.Of(ctx));
                return w => PointWriters.ScoredList(w, points);
            })).WithName("discover_points");

        app.MapPost("/collections/{collection_name}/points/discover/batch", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var batches = api.QueryBatch(collection_name, ExploreParser.DiscoverBatch(body), RequestAuth.Of(ctx));
                return w => QueryWriters.Batch(w, batches, PointWriters.ScoredList);
            })).WithName("discover_batch_points");

        app.MapPost("/collections/{collection_name}/points/search/groups", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var groups = api.QueryGroups(collection_name, ExploreParser.SearchGroups(body), RequestAuth.Of(ctx));
                return w => QueryWriters.Groups(w, groups);
            })).WithName("search_point_groups");
    }
}
