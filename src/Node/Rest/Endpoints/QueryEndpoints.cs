using Citadel.Node.Api;
using Citadel.Node.Rest.Parsing;
using Citadel.Node.Rest.Writers;
using Citadel.Node.Security;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>The universal query API: <c>points/query</c>, its batch and grouped forms, and the distance matrices.</summary>
internal static class QueryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/collections/{collection_name}/points/query", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var points = api.Query(collection_name, QueryParser.Query(body), RequestAuth.Of(ctx));
                return w => QueryWriters.Points(w, points);
            })).WithName("query_points");

        app.MapPost("/collections/{collection_name}/points/query/batch", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var batches = api.QueryBatch(collection_name, QueryParser.QueryBatch(body), RequestAuth.Of(ctx));
                return w => QueryWriters.Batch(w, batches, QueryWriters.Points);
            })).WithName("query_batch_points");

        app.MapPost("/collections/{collection_name}/points/query/groups", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var groups = api.QueryGroups(collection_name, GroupsParser.QueryGroups(body), RequestAuth.Of(ctx));
                return w => QueryWriters.Groups(w, groups);
            })).WithName("query_points_groups");

        app.MapPost("/collections/{collection_name}/points/search/matrix/pairs", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var matrix = api.SearchMatrix(collection_name, MatrixParser.Matrix(body));
                return w => QueryWriters.MatrixPairs(w, matrix);
            })).WithName("search_matrix_pairs");

        app.MapPost("/collections/{collection_name}/points/search/matrix/offsets", (HttpContext ctx, string collection_name, PointsApi api) =>
            RestHandler.WithBody(ctx, body =>
            {
                RestQuery.Read(ctx.Request);
                var matrix = api.SearchMatrix(collection_name, MatrixParser.Matrix(body));
                return w => QueryWriters.MatrixOffsets(w, matrix);
            })).WithName("search_matrix_offsets");
    }
}
