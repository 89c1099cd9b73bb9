using Citadel.Node.Rest.Parsing;
using Citadel.Node.Rest.Writers;
using Citadel.Node.Snapshots;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>Shard snapshots (Qdrant's Snapshots tag, shard routes), including the streamed snapshot.</summary>
internal static class ShardSnapshotEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/collections/{collection_name}/shards/{shard_id}/snapshots", (HttpContext ctx, string collection_name, string shard_id, ShardSnapshots api) =>
            SnapshotResponses.WaitOrAccept(ctx, async () => SnapshotResponses.Created(await api.CreateAsync(collection_name, SnapshotParser.ShardId(shard_id))))).WithName("create_shard_snapshot");

        app.MapGet("/collections/{collection_name}/shards/{shard_id}/snapshots", (HttpContext ctx, string collection_name, string shard_id, ShardSnapshots api) =>
            RestHandler.NoBody(ctx, () =>
            {
                var list = api.List(collection_name, SnapshotParser.ShardId(shard_id));
                return w => SnapshotWriters.List(w, list);
            })).WithName("list_shard_snapshots");

        app.MapGet("/collections/{collection_name}/shards/{shard_id}/snapshots/{snapshot_name}", (HttpContext ctx, string collection_name, string shard_id, string snapshot_name, ShardSnapshots api) =>
            SnapshotResponses.File(ctx, api.Locate(collection_name, SnapshotParser.ShardId(shard_id), snapshot_name))).WithName("get_shard_snapshot");

        app.MapDelete("/collections/{collection_name}/shards/{shard_id}/snapshots/{snapshot_name}", (HttpContext ctx, string collection_name, string shard_id, string snapshot_name, ShardSnapshots api) =>
            SnapshotResponses.WaitOrAccept(ctx, () =>
            {
                api.Delete(collection_name, SnapshotParser.ShardId(shard_id), snapshot_name);
                return Task.FromResult(RestHandler.Bool(true));
            })).WithName("delete_shard_snapshot");

        app.MapGet("/collections/{collection_name}/shards/{shard_id}/snapshot", async (HttpContext ctx, string collection_name, string shard_id, ShardSnapshots api) =>
        {
            var id = SnapshotParser.ShardId(shard_id);
            ctx.Response.ContentType = "application/x-tar";
            await api.StreamAsync(collection_name, id, ctx.Response.Body, ctx.RequestAborted);
        }).WithName("stream_shard_snapshot");

        app.MapPut("/collections/{collection_name}/shards/{shard_id}/snapshots/recover", async (HttpContext ctx, string collection_name, string shard_id, SnapshotRecovery api) =>
        {
            var id = SnapshotParser.ShardId(shard_id);
            var request = await SnapshotResponses.RecoverBody(ctx);
            await SnapshotResponses.WaitOrAccept(ctx, async () =>
            {
                await api.RecoverShardAsync(collection_name, id, request, CancellationToken.None);
                return RestHandler.Bool(true);
            });
        }).WithName("recover_shard_from_snapshot");

        // As for collections, the REST gate has granted global manage before the body is touched.
        app.MapPost("/collections/{collection_name}/shards/{shard_id}/snapshots/upload", async (HttpContext ctx, string collection_name, string shard_id, SnapshotStore store, SnapshotRecovery api) =>
        {
            var id = SnapshotParser.ShardId(shard_id);
            RestQuery.Bool(ctx.Request, "wait");
            SnapshotParser.Priority(ctx.Request);
            var checksum = SnapshotParser.Checksum(ctx.Request);
            var upload = await SnapshotUpload.ReceiveAsync(ctx.Request, store, ctx.RequestAborted);
            await SnapshotResponses.WaitOrAccept(ctx, async () =>
            {
                await api.RecoverShardUploadAsync(collection_name, id, upload, checksum);
                return RestHandler.Bool(true);
            });
        }).WithName("recover_shard_from_uploaded_snapshot");
    }
}
