using Citadel.Common.Errors;
using Citadel.Node.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Citadel.Node.Grpc;

/// <summary>Maps typed errors to gRPC statuses (Qdrant's table) and hides unexpected exceptions behind INTERNAL.</summary>
internal sealed partial class GrpcErrorInterceptor(ILogger<GrpcErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (Translate(e, context) is { } rpc)
        {
            throw rpc;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (Translate(e, context) is { } rpc)
        {
            throw rpc;
        }
    }

    private RpcException? Translate(Exception e, ServerCallContext context)
    {
        switch (e)
        {
            case RpcException:
                return null;
            case CitadelException ce:
                if (ce.Kind == ErrorKind.Internal)
                {
                    LogInternal(logger, context.Method, ce);
                }

                var metadata = new Metadata();
                if (ce.RetryAfterSeconds is { } retry)
                {
                    metadata.Add("retry-after", Math.Ceiling(retry).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                return new RpcException(new Status(ErrorMapping.GrpcStatus(ce.Kind), ce.Message), metadata);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "Request cancelled"));
            default:
                LogUnexpected(logger, context.Method, e);
                return new RpcException(new Status(StatusCode.Internal, "Service internal error: unexpected error; see the node log"));
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Internal error serving {Method}")]
    private static partial void LogInternal(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Unexpected error serving {Method}")]
    private static partial void LogUnexpected(ILogger logger, string method, Exception exception);
}
