using Citadel.Tests.Chaos.Infrastructure;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Chaos;

/// <summary>
/// The official Qdrant JS clients as outside witnesses: what the REST client writes through one peer, the REST and gRPC
/// clients read through every peer (<c>tests/js/cluster-scenario.mjs</c>).
/// </summary>
public sealed class OfficialClientsOnEveryPeerTests
{
    [Fact]
    public async Task OfficialRestAndGrpcClients_ReadThroughEveryPeerWhatWasWrittenThroughOne()
    {
        await using var cluster = await TestCluster.StartAsync(3);

        var result = await JsRunner.RunAsync(
            "cluster-scenario.mjs",
            [
                "--key", TestCluster.AdminKey,
                "--rest", string.Join(',', cluster.Peers.Select(p => p.Process.HttpPort)),
                "--grpc", string.Join(',', cluster.Peers.Select(p => p.Process.GrpcPort)),
            ],
            cluster.Peers[0].Process);

        Assert.Contains("the gRPC client on peer", result.Stdout, StringComparison.Ordinal);
    }
}
