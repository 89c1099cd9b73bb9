using System.Globalization;
using System.Net;
using System.Text;

namespace Citadel.Tests.Integration.Observability;

/// <summary><c>GET /issues</c> and <c>DELETE /issues</c>: detection, Qdrant's record shape, access filtering.</summary>
public sealed class IssuesTests(OperableNodeFixture fixture) : IClassFixture<OperableNodeFixture>
{
    private const string Filter = """{"filter":{"must":[{"key":"color","match":{"value":"red"}}]}}""";

    [Fact]
    public async Task FilterOnUnindexedField_InABigCollection_IsReported_ToCallersWhoSeeTheCollection()
    {
        await CreateBigCollectionAsync("big");
        Assert.Equal(HttpStatusCode.OK, (await fixture.SendAsync(HttpMethod.Post, "/collections/big/points/count", OperableNodeFixture.Admin, Filter)).Status);

        var issue = Assert.Single((await fixture.ResultAsync("/issues", OperableNodeFixture.ReadOnly)).GetProperty("issues").EnumerateArray(), i => i.GetProperty("code").GetString() == "UNINDEXED_FIELD,big,color,keyword");
        Assert.Contains("Unindexed field 'color'", issue.GetProperty("description").GetString(), StringComparison.Ordinal);
        var action = issue.GetProperty("solution").GetProperty("Immediate").GetProperty("action");
        Assert.Equal("PUT", action.GetProperty("method").GetString());
        Assert.Equal("/collections/big/index", action.GetProperty("uri").GetString());
        Assert.Equal("keyword", action.GetProperty("body").GetProperty("field_schema").GetString());
        Assert.True(DateTimeOffset.TryParse(issue.GetProperty("timestamp").GetString(), CultureInfo.InvariantCulture, out _));

        // A token scoped to another collection does not see it; one scoped to `big` does.
        Assert.Empty((await fixture.ResultAsync("/issues", OperableNodeFixture.Scoped)).GetProperty("issues").EnumerateArray());
        var bigToken = Citadel.Tests.Shared.Tokens.Hs256(OperableNodeFixture.ApiKey, new { access = new object[] { new { collection = "big", access = "r" } } });
        Assert.Single((await fixture.ResultAsync("/issues", ("authorization", "Bearer " + bigToken))).GetProperty("issues").EnumerateArray());
    }

    [Fact]
    public async Task FilterOnIndexedField_IsNotReported()
    {
        await CreateBigCollectionAsync("indexed");
        Assert.Equal(HttpStatusCode.OK, (await fixture.SendAsync(HttpMethod.Put, "/collections/indexed/index?wait=true", OperableNodeFixture.Admin, """{"field_name":"color","field_schema":"keyword"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await fixture.SendAsync(HttpMethod.Post, "/collections/indexed/points/scroll", OperableNodeFixture.Admin, Filter)).Status);
        var codes = (await fixture.ResultAsync("/issues", OperableNodeFixture.Admin)).GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.DoesNotContain(codes, c => c!.StartsWith("UNINDEXED_FIELD,indexed,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClearingIssues_NeedsManage_AndEmptiesTheList()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.SendAsync(HttpMethod.Delete, "/issues", OperableNodeFixture.ReadOnly)).Status);
        var (status, body, _) = await fixture.SendAsync(HttpMethod.Delete, "/issues", OperableNodeFixture.Admin);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("{\"result\":true", body, StringComparison.Ordinal);
        Assert.Empty((await fixture.ResultAsync("/issues", OperableNodeFixture.Admin)).GetProperty("issues").EnumerateArray());
    }

    private async Task CreateBigCollectionAsync(string name)
    {
        await fixture.SendAsync(HttpMethod.Put, $"/collections/{name}", OperableNodeFixture.Admin, """{"vectors":{"size":2,"distance":"Dot"}}""");
        var points = new StringBuilder("""{"points":[""");
        for (var i = 0; i < 1000; i++)
        {
            var color = i % 2 == 0 ? "red" : "blue";
            points.Append(i == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"id\":{i + 1},\"vector\":[1,{i}],\"payload\":{{\"color\":\"{color}\"}}}}");
        }

        points.Append("]}");
        var (status, body, _) = await fixture.SendAsync(HttpMethod.Put, $"/collections/{name}/points?wait=true", OperableNodeFixture.Admin, points.ToString());
        Assert.True(status == HttpStatusCode.OK, body);
    }
}
