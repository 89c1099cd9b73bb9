using Citadel.Grpc.Health;
using Grpc.Core;

namespace Citadel.Node.Grpc.Services;

/// <summary><c>grpc.health.v1.Health/Check</c>: always SERVING, as in Qdrant.</summary>
internal sealed class HealthService : Health.HealthBase
{
    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        Task.FromResult(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving });
}
