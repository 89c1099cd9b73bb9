using Citadel.Grpc;
using Grpc.Core;

namespace Citadel.Node.Grpc.Services;

/// <summary><c>qdrant.Qdrant</c>: HealthCheck, which official clients call to check the server version.</summary>
internal sealed class QdrantService : Citadel.Grpc.Qdrant.QdrantBase
{
    public override Task<HealthCheckReply> HealthCheck(HealthCheckRequest request, ServerCallContext context)
    {
        var reply = new HealthCheckReply { Title = VersionInfo.Title, Version = VersionInfo.Version };
        if (VersionInfo.Commit is { } commit)
        {
            reply.Commit = commit;
        }

        return Task.FromResult(reply);
    }
}
