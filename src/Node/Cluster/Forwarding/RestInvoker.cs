using Citadel.Node.Cluster.Protocol;
using Google.Protobuf;
using Microsoft.AspNetCore.Http.Features;

namespace Citadel.Node.Cluster.Forwarding;

/// <summary>
/// Runs a forwarded REST request through this node's own REST pipeline in-process (routing, parsing, handlers, error
/// envelope), so a request answered by the holder of a collection is answered exactly as if it had arrived there.
/// The pipeline is captured when the REST server is built (<see cref="Capture"/>).
/// </summary>
internal sealed class RestInvoker
{
    private RequestDelegate? _pipeline;
    private IServiceProvider? _services;

    /// <summary>Registers, as the first middleware, a pass-through that remembers the rest of the pipeline.</summary>
    public void Capture(WebApplication app)
    {
        _services = app.Services;
        app.Use(next =>
        {
            _pipeline = next;
            return next;
        });
    }

    public async Task<RestReply> InvokeAsync(RestCall call, ForwardedCall forwarded, CancellationToken cancellationToken)
    {
        var pipeline = _pipeline ?? throw new InvalidOperationException("the REST pipeline is not built yet");
        var requestHeaders = new HeaderDictionary();
        foreach (var (name, value) in call.Headers)
        {
            requestHeaders[name] = value;
        }

        if (call.ContentType.Length > 0)
        {
            requestHeaders["Content-Type"] = call.ContentType;
        }

        requestHeaders.ContentLength = call.Body.Length;
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = "http",
            Method = call.Method,
            Path = call.Path,
            RawTarget = call.RawTarget,
            QueryString = call.Query,
            Headers = requestHeaders,
            Body = new MemoryStream(call.Body.ToByteArray(), writable: false),
        });
        var responseBody = new MemoryStream();
        var response = new HttpResponseFeature();
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellationToken });
        features.Set(forwarded);

        await using var scope = _services!.CreateAsyncScope();
        var context = new DefaultHttpContext(features) { RequestServices = scope.ServiceProvider };
        await pipeline(context);
        await context.Response.CompleteAsync();

        var reply = new RestReply
        {
            Status = response.StatusCode,
            ContentType = context.Response.ContentType ?? string.Empty,
            Body = ByteString.CopyFrom(responseBody.GetBuffer(), 0, (int)responseBody.Length),
        };
        foreach (var (name, value) in response.Headers)
        {
            if (!string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase) && !string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                reply.Headers[name] = value.ToString();
            }
        }

        return reply;
    }
}
