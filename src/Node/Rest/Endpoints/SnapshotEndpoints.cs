using Citadel.Node.Rest.Parsing;
using Citadel.Node.Rest.Writers;
using Citadel.Node.Snapshots;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>Collection snapshots (Qdrant's Snapshots tag, collection routes).</summary>
internal static class SnapshotEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/collections/{collection_name}/snapshots", (HttpContext ctx, string collection_name, CollectionSnapshots api) =>
            SnapshotResponses.WaitOrAccept(ctx, async () => SnapshotResponses.Created(await api.CreateAsync(collection_name)))).WithName("create_snapshot");

        app.MapGet("/collections/{collection_name}/snapshots", (HttpContext ctx, string collection_name, CollectionSnapshots api) =>
            RestHandler.NoBody(ctx, () =>
            {
                var list = api.List(collection_name);
                return w => SnapshotWriters.List(w, list);
            })).WithName("list_snapshots");

        app.MapGet("/collections/{collection_name}/snapshots/{snapshot_name}", (HttpContext ctx, string collection_name, string snapshot_name, CollectionSnapshots api) =>
            SnapshotResponses.File(ctx, api.Locate(collection_name, snapshot_name))).WithName("get_snapshot");

        app.MapDelete("/collections/{collection_name}/snapshots/{snapshot_name}", (HttpContext ctx, string collection_name, string snapshot_name, CollectionSnapshots api) =>
            SnapshotResponses.WaitOrAccept(ctx, () =>
            {
                api.Delete(collection_name, snapshot_name);
                return Task.FromResult(RestHandler.Bool(true));
            })).WithName("delete_snapshot");

        app.MapPut("/collections/{collection_name}/snapshots/recover", async (HttpContext ctx, string collection_name, SnapshotRecovery api) =>
        {
            var request = await SnapshotResponses.RecoverBody(ctx);
            await SnapshotResponses.WaitOrAccept(ctx, async () =>
            {
                await api.RecoverCollectionAsync(collection_name, request, CancellationToken.None);
                return RestHandler.Bool(true);
            });
        }).WithName("recover_from_snapshot");

        // The REST gate has granted global manage before this handler runs: a refused caller's body is never read.
        app.MapPost("/collections/{collection_name}/snapshots/upload", async (HttpContext ctx, string collection_name, SnapshotStore store, SnapshotRecovery api) =>
        {
            // Query parameters are checked before the body is received, so a bad one leaves no upload behind.
            RestQuery.Bool(ctx.Request, "wait");
            SnapshotParser.Priority(ctx.Request);
            var checksum = SnapshotParser.Checksum(ctx.Request);
            var upload = await SnapshotUpload.ReceiveAsync(ctx.Request, store, ctx.RequestAborted);
            await SnapshotResponses.WaitOrAccept(ctx, async () =>
            {
                await api.RecoverCollectionUploadAsync(collection_name, upload, checksum);
                return RestHandler.Bool(true);
            });
        }).WithName("recover_from_uploaded_snapshot");
    }
}
