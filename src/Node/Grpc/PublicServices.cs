using Citadel.Node.Grpc.Services;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.Reflection;

namespace Citadel.Node.Grpc;

/// <summary>
/// The public gRPC surface in one list: what is mapped on the port and what reflection advertises are the same
/// services, exactly Qdrant's (reflection does not list itself, as in Qdrant).
/// </summary>
internal static class PublicServices
{
    /// <summary>Descriptors of every public service.</summary>
    public static IReadOnlyList<ServiceDescriptor> Descriptors { get; } =
    [
        Citadel.Grpc.Collections.Descriptor,
        Citadel.Grpc.Points.Descriptor,
        Citadel.Grpc.Snapshots.Descriptor,
        Citadel.Grpc.Qdrant.Descriptor,
        Citadel.Grpc.Health.Health.Descriptor,
        Citadel.Grpc.StorageRead.Descriptor,
    ];

    public static ReflectionV1ServiceImpl Reflection() => new(Descriptors);

    public static ReflectionServiceImpl ReflectionV1Alpha() => new(Descriptors);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGrpcService<CollectionsService>();
        app.MapGrpcService<PointsService>();
        app.MapGrpcService<SnapshotsService>();
        app.MapGrpcService<QdrantService>();
        app.MapGrpcService<HealthService>();
        app.MapGrpcService<StorageReadService>();
        app.MapGrpcService<ReflectionV1ServiceImpl>();
        app.MapGrpcService<ReflectionServiceImpl>();
    }
}
