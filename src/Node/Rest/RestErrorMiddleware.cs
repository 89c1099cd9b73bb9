using Citadel.Common.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Citadel.Node.Rest;

/// <summary>
/// Turns every failure on the REST port into Qdrant's error envelope: typed errors keep their status, oversized or
/// malformed HTTP input is a 400, anything unexpected is logged and answered with a 500 that leaks no internals.
/// </summary>
internal sealed partial class RestErrorMiddleware(RequestDelegate next, ILogger<RestErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        RestResults.MarkStart(context);
        try
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted && context.GetEndpoint() is null)
            {
                await RestResults.WriteError(context, CitadelException.NotFound($"Unknown endpoint {context.Request.Method} {context.Request.Path}"));
            }
            else if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted)
            {
                await RestResults.WriteError(context, CitadelException.NotFound($"Method {context.Request.Method} is not allowed on {context.Request.Path}"));
            }
        }
        catch (CitadelException e) when (!context.Response.HasStarted)
        {
            if (e.Kind == ErrorKind.Internal)
            {
                LogInternalError(logger, context.Request.Method, context.Request.Path, e);
            }

            await RestResults.WriteError(context, e);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await RestResults.WriteError(context, CitadelException.Format(e.Message));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OutOfMemoryException)
        {
            LogUnexpected(logger, context.Request.Method, context.Request.Path, e);
            context.Features.Get<IHttpResponseFeature>()?.Headers.Clear();
            await RestResults.WriteError(context, CitadelException.Internal("unexpected error; see the node log"));
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Internal error serving {Method} {Path}")]
    private static partial void LogInternalError(ILogger logger, string method, PathString path, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Unexpected error serving {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, string method, PathString path, Exception exception);
}
