using System.Text.Json;
using Citadel.Node.Snapshots;

namespace Citadel.Node.Rest;

/// <summary>Responses particular to snapshot endpoints: <c>wait=false</c> background runs and streamed files.</summary>
internal static partial class SnapshotResponses
{
    /// <summary>
    /// Runs <paramref name="work"/> and writes its result, or with <c>wait=false</c> starts it in the background and
    /// answers 202 <c>{"status":"accepted"}</c> as Qdrant does; a background failure is logged.
    /// </summary>
    public static async Task WaitOrAccept(HttpContext context, Func<Task<Action<Utf8JsonWriter>>> work)
    {
        if (RestQuery.Bool(context.Request, "wait") ?? true)
        {
            await RestResults.WriteOk(context, await work());
            return;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Citadel.Snapshots");
        var operation = context.Request.Path.Value ?? string.Empty;
        _ = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogBackgroundFailed(logger, operation, e);
            }
        });
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentType = "application/json";
        await using var w = new Utf8JsonWriter(context.Response.BodyWriter);
        w.WriteStartObject();
        w.WriteString("status", "accepted");
        w.WriteNumber("time", RestResults.Elapsed(context));
        w.WriteEndObject();
        await w.FlushAsync(context.RequestAborted);
    }

    /// <summary>Reads and parses a recover request body.</summary>
    public static async Task<SnapshotRecoverRequest> RecoverBody(HttpContext context)
    {
        var (doc, root) = await context.RequestServices.GetRequiredService<RestBody>().ReadNodeAsync(context);
        using (doc)
        {
            return Parsing.SnapshotParser.Recover(root);
        }
    }

    /// <summary>Streams a snapshot file with its length, as <c>application/octet-stream</c>.</summary>
    public static async Task File(HttpContext context, string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = file.Length;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{Path.GetFileName(path)}\"";
        await file.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>The result of a create: the new snapshot's description.</summary>
    public static Action<Utf8JsonWriter> Created(SnapshotInfo info) => w => Writers.SnapshotWriters.Description(w, info);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "Background snapshot operation {Operation} failed")]
    private static partial void LogBackgroundFailed(ILogger logger, string operation, Exception exception);
}
