using Citadel.Node.Rest.Writers;
using Citadel.Node.Snapshots;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>Full-storage snapshots (Qdrant's Snapshots tag, <c>/snapshots</c> routes).</summary>
internal static class FullSnapshotEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/snapshots", (HttpContext ctx, FullSnapshots api) =>
            SnapshotResponses.WaitOrAccept(ctx, async () => SnapshotResponses.Created(await api.CreateAsync()))).WithName("create_full_snapshot");

        app.MapGet("/snapshots", (HttpContext ctx, FullSnapshots api) =>
            RestHandler.NoBody(ctx, () =>
            {
                var list = api.List();
                return w => SnapshotWriters.List(w, list);
            })).WithName("list_full_snapshots");

        app.MapGet("/snapshots/{snapshot_name}", (HttpContext ctx, string snapshot_name, FullSnapshots api) =>
            SnapshotResponses.File(ctx, api.Locate(snapshot_name))).WithName("get_full_snapshot");

        app.MapDelete("/snapshots/{snapshot_name}", (HttpContext ctx, string snapshot_name, FullSnapshots api) =>
            SnapshotResponses.WaitOrAccept(ctx, () =>
            {
                api.Delete(snapshot_name);
                return Task.FromResult(RestHandler.Bool(true));
            })).WithName("delete_full_snapshot");
    }
}
