using Citadel.Grpc;
using Citadel.Tests.Integration.Infrastructure;
using Grpc.Net.Client;

namespace Citadel.Tests.Integration.Grpc;

/// <summary>One node shared by every gRPC test class; each test works in collections of its own.</summary>
public sealed class GrpcNodeFixture : IAsyncLifetime
{
    private NodeProcess? _node;

    public NodeProcess Node => _node ?? throw new InvalidOperationException("node not started");

    public GrpcChannel Channel { get; private set; } = null!;

    public Collections.CollectionsClient Collections { get; private set; } = null!;

    public Points.PointsClient Points { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartAsync();
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_node.GrpcPort}");
        Collections = new Collections.CollectionsClient(Channel);
        Points = new Points.PointsClient(Channel);
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>A collection name no other test uses.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";
}

/// <summary>Binds the gRPC test classes to one shared node.</summary>
[CollectionDefinition(Name)]
public sealed class GrpcNodeCollection : ICollectionFixture<GrpcNodeFixture>
{
    public const string Name = "grpc node";
}
