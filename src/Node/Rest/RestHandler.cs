using System.Text.Json;
using Citadel.Node.Rest.Json;

namespace Citadel.Node.Rest;

/// <summary>Small helpers that keep endpoint handlers to "parse → call the API → write the result".</summary>
internal static class RestHandler
{
    /// <summary>Reads the JSON body, runs <paramref name="handle"/> on it and writes its result in the envelope.</summary>
    public static async Task WithBody(HttpContext context, Func<JNode, Task<Action<Utf8JsonWriter>>> handle)
    {
        var body = context.RequestServices.GetRequiredService<RestBody>();
        var (doc, root) = await body.ReadNodeAsync(context);
        using (doc)
        {
            var write = await handle(root);
            await RestResults.WriteOk(context, write);
        }
    }

    /// <summary>Synchronous variant of <see cref="WithBody"/>.</summary>
    public static Task WithBody(HttpContext context, Func<JNode, Action<Utf8JsonWriter>> handle) =>
        WithBody(context, node => Task.FromResult(handle(node)));

    /// <summary>Runs a handler without a body.</summary>
    public static async Task NoBody(HttpContext context, Func<Task<Action<Utf8JsonWriter>>> handle) =>
        await RestResults.WriteOk(context, await handle());

    /// <summary>Synchronous variant of <see cref="NoBody(HttpContext, Func{Task{Action{Utf8JsonWriter}}})"/>.</summary>
    public static Task NoBody(HttpContext context, Func<Action<Utf8JsonWriter>> handle) => RestResults.WriteOk(context, handle());

    /// <summary>Writes <c>true</c> as the result.</summary>
    public static Action<Utf8JsonWriter> Bool(bool value) => w => w.WriteBooleanValue(value);
}
