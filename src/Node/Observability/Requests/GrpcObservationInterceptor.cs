using System.Diagnostics;
using System.Globalization;
using Citadel.Node.Observability.Metrics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Citadel.Node.Observability.Requests;

/// <summary>
/// Outermost gRPC interceptor, the counterpart of <see cref="RestObservationMiddleware"/>: times each call, records it
/// by method and status code (telemetry <c>requests.grpc</c>, <c>grpc_responses_*</c>) and logs method, status and
/// duration, never metadata or messages.
/// </summary>
internal sealed partial class GrpcObservationInterceptor(ObservedRequests observed, NodeMetrics metrics, ILogger<GrpcObservationInterceptor> logger) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        ObserveAsync(context, Node.Grpc.GrpcRequests.CollectionName(request), () => continuation(request, context));

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        ObserveAsync(context, Node.Grpc.GrpcRequests.CollectionName(request), async () =>
        {
            await continuation(request, responseStream, context);
            return true;
        });

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        ObserveAsync(context, null, async () =>
        {
            await continuation(requestStream, responseStream, context);
            return true;
        });

    private async Task<T> ObserveAsync<T>(ServerCallContext context, string? collection, Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        var code = StatusCode.Unknown;
        try
        {
            var result = await call();
            code = StatusCode.OK;
            return result;
        }
        catch (RpcException e)
        {
            code = e.StatusCode;
            throw;
        }
        finally
        {
            Record(context, collection, code, start);
        }
    }

    private void Record(ServerCallContext context, string? collection, StatusCode code, long start)
    {
        var elapsed = Stopwatch.GetElapsedTime(start);
        var failed = code != StatusCode.OK;
        observed.Grpc.Record(context.Method, ((int)code).ToString(CultureInfo.InvariantCulture), collection, elapsed, failed);
        if (!failed)
        {
            metrics.ObserveGrpc(context.Method, elapsed);
        }

        LogCall(logger, context.Method, code, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(EventId = 901, Level = LogLevel.Debug, Message = "gRPC {Method} {Status} in {ElapsedMs:0.###} ms")]
    private static partial void LogCall(ILogger logger, string method, StatusCode status, double elapsedMs);
}
