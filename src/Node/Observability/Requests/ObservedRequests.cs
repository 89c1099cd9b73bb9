namespace Citadel.Node.Observability.Requests;

/// <summary>Response statistics of both public protocols, shared by telemetry and metrics.</summary>
internal sealed class ObservedRequests(TimeProvider time)
{
    public RequestStats Rest { get; } = new(time);

    public RequestStats Grpc { get; } = new(time);
}
