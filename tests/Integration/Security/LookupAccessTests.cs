using System.Net;
using System.Text;
using Citadel.Tests.Shared;
using Grpc.Core;
using Grpc.Net.Client;

namespace Citadel.Tests.Integration.Security;

/// <summary>Collections named inside bodies (<c>lookup_from</c>, nested prefetches) need access too (Qdrant 1.19).</summary>
public sealed class LookupAccessTests(SecuredNodeFixture fixture) : IClassFixture<SecuredNodeFixture>
{
    private static readonly string ColOnly = Tokens.Hs256(SecuredNodeFixture.ApiKey, new { access = new[] { new { collection = "col", access = "r" } } });
    private static readonly string ColAndOther = Tokens.Hs256(SecuredNodeFixture.ApiKey, new { access = new[] { new { collection = "col", access = "r" }, new { collection = "other", access = "r" } } });

    [Theory]
    [InlineData("""{"query":{"nearest":1},"lookup_from":{"collection":"other"}}""")]
    [InlineData("""{"prefetch":[{"prefetch":[{"query":1,"lookup_from":{"collection":"other"}}],"query":[1,0,0,0]}],"query":{"fusion":"rrf"}}""")]
    [InlineData("""{"query":{"recommend":{"positive":[1]}},"lookup_from":{"collection":"other"}}""")]
    public async Task LookupFromAnUnlistedCollection_IsForbidden(string body)
    {
        var (status, text) = await QueryAsync(ColOnly, body);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Forbidden: Access to collection other is required", text, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Forbidden, (await QueryAsync(ColAndOther, body)).Status);
    }

    [Fact]
    public async Task LookupFromAnUnlistedCollection_IsForbiddenOverGrpc()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{fixture.Node.GrpcPort}");
        var points = new Citadel.Grpc.Points.PointsClient(channel);
        var request = new Citadel.Grpc.QueryPoints
        {
            CollectionName = "col",
            Query = new Citadel.Grpc.Query { Nearest = new Citadel.Grpc.VectorInput { Id = new Citadel.Grpc.PointId { Num = 1 } } },
            LookupFrom = new Citadel.Grpc.LookupLocation { CollectionName = "other" },
        };
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await points.QueryAsync(request, new Metadata { { "authorization", "Bearer " + ColOnly } }));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("Access to collection other is required", denied.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, string Text)> QueryAsync(string token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/collections/col/points/query") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("authorization", "Bearer " + token);
        using var response = await fixture.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
