using System.Net;
using Citadel.Tests.Shared;
using Grpc.Core;
using Grpc.Net.Client;

namespace Citadel.Tests.Integration.Security;

/// <summary>A <c>value_exists</c> token works exactly while a matching point exists, on both protocols.</summary>
public sealed class ValueExistsTests(SecuredNodeFixture fixture) : IClassFixture<SecuredNodeFixture>
{
    [Theory]
    [InlineData(SecuredNodeFixture.ApiKey)]
    [InlineData(SecuredNodeFixture.AltApiKey)]
    public async Task Token_IsValidOnlyWhileTheMatchingPointExists(string signingKey)
    {
        var user = $"user-{Guid.NewGuid():N}";
        var token = Tokens.Hs256(signingKey, new
        {
            access = "r",
            value_exists = new { collection = "users", matches = new object[] { new { key = "name", value = user }, new { key = "level", value = 3 } } },
        });

        Assert.Equal(HttpStatusCode.Unauthorized, await RestStatusAsync(token));
        Assert.Equal(StatusCode.Unauthenticated, await GrpcStatusAsync(token));

        await fixture.AdminAsync(HttpMethod.Put, "/collections/users/points?wait=true", $$$"""{"points":[{"id":7,"vector":[0,1,0,0],"payload":{"name":"{{{user}}}","level":3}}]}""");
        Assert.Equal(HttpStatusCode.OK, await RestStatusAsync(token));
        Assert.Equal(StatusCode.OK, await GrpcStatusAsync(token));

        await fixture.AdminAsync(HttpMethod.Post, "/collections/users/points/payload?wait=true", """{"points":[7],"payload":{"level":2}}""");
        Assert.Equal(HttpStatusCode.Unauthorized, await RestStatusAsync(token));
        Assert.Equal(StatusCode.Unauthenticated, await GrpcStatusAsync(token));
    }

    [Fact]
    public async Task Token_ForAMissingValidationCollection_IsForbidden()
    {
        var token = Tokens.Hs256(SecuredNodeFixture.ApiKey, new { value_exists = new { collection = "no_such_collection", matches = new object[] { new { key = "a", value = "b" } } } });
        Assert.Equal(HttpStatusCode.Forbidden, await RestStatusAsync(token));
        Assert.Equal(StatusCode.PermissionDenied, await GrpcStatusAsync(token));
    }

    private async Task<HttpStatusCode> RestStatusAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/collections/col");
        request.Headers.TryAddWithoutValidation("authorization", "Bearer " + token);
        using var response = await fixture.Http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<StatusCode> GrpcStatusAsync(string token)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{fixture.Node.GrpcPort}");
        var client = new Citadel.Grpc.Collections.CollectionsClient(channel);
        try
        {
            await client.GetAsync(new Citadel.Grpc.GetCollectionInfoRequest { CollectionName = "col" }, new Metadata { { "authorization", "Bearer " + token } });
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
