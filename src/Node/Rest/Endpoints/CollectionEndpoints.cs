using Citadel.Node.Api;
using Citadel.Node.Rest.Parsing;
using Citadel.Node.Rest.Writers;
using Citadel.Node.Security;

namespace Citadel.Node.Rest.Endpoints;

/// <summary>Collections and aliases (Qdrant's Collections and Aliases tags).</summary>
internal static class CollectionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/collections", (HttpContext ctx, CollectionsApi api) =>
            RestHandler.NoBody(ctx, () => w => CollectionWriters.List(w, api.List(RequestAuth.Of(ctx))))).WithName("get_collections");

        app.MapGet("/collections/{collection_name}", (HttpContext ctx, string collection_name, CollectionsApi api) =>
            RestHandler.NoBody(ctx, () =>
            {
                var c = api.Get(collection_name);
                return w => CollectionWriters.Info(w, c);
            })).WithName("get_collection");

        app.MapPut("/collections/{collection_name}", (HttpContext ctx, string collection_name, CollectionsApi api) =>
            RestHandler.WithBody(ctx, async body =>
            {
                RestQuery.Timeout(ctx.Request);
                return RestHandler.Bool(await api.CreateAsync(collection_name, CollectionParser.Create(body), ctx.RequestAborted));
            })).WithName("create_collection");

        app.MapPatch("/collections/{collection_name}", (HttpContext ctx, string collection_name, CollectionsApi api) =>
            RestHandler.WithBody(ctx, async body =>
            {
                RestQuery.Timeout(ctx.Request);
                return RestHandler.Bool(await api.UpdateAsync(collection_name, CollectionParser.Update(body), ctx.RequestAborted));
            })).WithName("update_collection");

        app.MapDelete("/collections/{collection_name}", (HttpContext ctx, string collection_name, CollectionsApi api) =>
            RestHandler.NoBody(ctx, async () =>
            {
                RestQuery.Timeout(ctx.Request);
                return RestHandler.Bool(await api.DeleteAsync(collection_name, ctx.RequestAborted));
            })).WithName("delete_collection");

        app.MapGet("/collections/{collection_name}/exists", (HttpContext ctx, string collection_name, CollectionsApi api) =>
            RestHandler.NoBody(ctx, () =>
            {
                var exists = api.Exists(collection_name);
                return w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("exists", exists);
                    w.WriteEndObject();
                };
            })).WithName("collection_exists");

        app.MapPost("/collections/aliases", (HttpContext ctx, CollectionsApi api) =>
            RestHandler.WithBody(ctx, async body =>
            {
                RestQuery.Timeout(ctx.Request);
                return RestHandler.Bool(await api.ChangeAliasesAsync(CollectionParser.Aliases(body), ctx.RequestAborted));
            })).WithName("update_aliases");

        app.MapGet("/aliases", (HttpContext ctx, CollectionsApi api) =>
            RestHandler.NoBody(ctx, () => w => CollectionWriters.Aliases(w, api.ListAliases(RequestAuth.Of(ctx))))).WithName("get_collections_aliases");

        app.MapGet("/collections/{collection_name}/aliases", (HttpContext ctx, string collection_name, CollectionsApi api) =>
            RestHandler.NoBody(ctx, () =>
            {
                var aliases = api.ListAliases(RequestAuth.Of(ctx), collection_name);
                return w => CollectionWriters.Aliases(w, aliases);
            })).WithName("get_collection_aliases");
    }
}
