using System.Net;
using System.Text;
using System.Text.Json;

namespace Citadel.Tests.Integration.Hostile;

/// <summary>
/// Hostile and malformed requests against a real node over HTTP. Each answer must be the exact 4xx status with
/// Qdrant's error envelope <c>{"status":{"error":…},"time":…}</c>, and the node must still serve
/// <c>GET /collections</c> afterwards.
/// </summary>
public sealed class HostileInputTests(HostileNodeFixture fixture) : IClassFixture<HostileNodeFixture>
{
    private const string C = HostileNodeFixture.Collection;
    private const string FormatError = "Format error in JSON body: ";
    private const string ValidPoints = """{"points":[{"id":3,"vector":[1,2,3,4],"payload":{"a":1}}]}""";

    private HttpClient Http => fixture.Http;

    [Theory]
    [InlineData("""{"points": [}""")]
    [InlineData("""{points: []}""")]
    [InlineData("""{"points":[{"id":3,"vector":[1,2,3,4],}]}""")]
    [InlineData("""{"points":[{"id":3 "vector":[1,2,3,4]}]}""")]
    [InlineData("""'points'""")]
    [InlineData("""{"points":[]}}""")]
    [InlineData("\u0000")]
    public async Task Upsert_WithMalformedJson_IsRejectedWith400(string body)
    {
        await AssertRejectedAsync(HttpMethod.Put, $"collections/{C}/points", body, HttpStatusCode.BadRequest, startsWith: FormatError);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    [InlineData(30)]
    [InlineData(48)]
    [InlineData(55)]
    public async Task Upsert_WithTruncatedJson_IsRejectedWith400(int keep)
    {
        Assert.True(keep < ValidPoints.Length);
        await AssertRejectedAsync(HttpMethod.Put, $"collections/{C}/points", ValidPoints[..keep], HttpStatusCode.BadRequest, startsWith: FormatError);
    }

    [Theory]
    [InlineData("[1,2,3]", 3)]
    [InlineData("[1,2,3,4,5]", 5)]
    [InlineData("[]", 0)]
    public async Task Upsert_WithWrongDimension_IsRejectedWith400(string vector, int got)
    {
        await AssertRejectedAsync(HttpMethod.Put, $"collections/{C}/points", $$"""{"points":[{"id":9,"vector":{{vector}}}]}""", HttpStatusCode.BadRequest,
            exactly: $"Wrong input: Vector dimension error: expected dim: 4, got {got}");
        await AssertPointAbsentAsync(9);
    }

    [Fact]
    public async Task Query_WithWrongDimension_IsRejectedWith400()
    {
        await AssertRejectedAsync(HttpMethod.Post, $"collections/{C}/points/query", """{"query":[1,2,3]}""", HttpStatusCode.BadRequest,
            exactly: "Wrong input: Vector dimension error: expected dim: 4, got 3");
    }

    [Theory]
    [InlineData("""{"points":[{"id":9,"vector":[NaN,1,2,3]}]}""")]
    [InlineData("""{"points":[{"id":9,"vector":[Infinity,1,2,3]}]}""")]
    [InlineData("""{"points":[{"id":9,"vector":[-Infinity,1,2,3]}]}""")]
    [InlineData("""{"points":[{"id":9,"vector":[nan,1,2,3]}]}""")]
    [InlineData("""{"points":[{"id":9,"vector":[1,2,3,4],"payload":{"x":NaN}}]}""")]
    [InlineData("""{"points":[{"id":9,"vector":[1,2,3,4],"payload":{"x":Infinity}}]}""")]
    [InlineData("""{"points":[{"id":9,"vector":["NaN",1,2,3]}]}""")]
    public async Task Upsert_WithNonFiniteNumberLiterals_IsRejectedWith400(string body)
    {
        await AssertRejectedAsync(HttpMethod.Put, $"collections/{C}/points?wait=true", body, HttpStatusCode.BadRequest, startsWith: FormatError);
        await AssertPointAbsentAsync(9);
    }

    [Theory]
    [InlineData("""{"points":[{"id":9,"vector":[1e999,1,2,3]}]}""")]
    [InlineData("""{"points":[{"id":9,"vector":[1e39,1,2,3]}]}""")]
    [InlineData("""{"points":[{"id":9,"vector":[-3.5e38,1,2,3]}]}""")]
    [InlineData("""{"points":[{"id":9,"vector":[1,2,3,4],"payload":{"x":1e999}}]}""")]
    [InlineData("""{"points":[{"id":9,"vector":[1,2,3,4],"payload":{"deep":[{"x":-1e400}]}}]}""")]
    public async Task Upsert_WithNumbersOutOfRange_IsRejectedWith400(string body)
    {
        await AssertRejectedAsync(HttpMethod.Put, $"collections/{C}/points?wait=true", body, HttpStatusCode.BadRequest, startsWith: FormatError);
        await AssertPointAbsentAsync(9);
    }

    [Theory]
    [InlineData("""{"query":[1,2,3,4],"limit":1e30}""")]
    [InlineData("""{"query":[1,2,3,4],"limit":99999999999999999999}""")]
    [InlineData("""{"query":[1,2,3,4],"limit":-1}""")]
    [InlineData("""{"query":[1,2,3,4],"offset":1e30}""")]
    [InlineData("""{"query":[1,2,3,4],"score_threshold":1e999}""")]
    public async Task Query_WithHugeOrNegativeNumbers_IsRejectedWith400(string body)
    {
        await AssertRejectedAsync(HttpMethod.Post, $"collections/{C}/points/query", body, HttpStatusCode.BadRequest, startsWith: FormatError);
    }

    [Fact]
    public async Task CreateCollection_WithHugeVectorSize_IsRejectedWith422()
    {
        await AssertRejectedAsync(HttpMethod.Put, "collections/huge_size", """{"vectors":{"size":99999999999999,"distance":"Cosine"}}""",
            HttpStatusCode.UnprocessableEntity, startsWith: "Validation error in JSON body: ");
        using var exists = await Http.GetAsync(new Uri("collections/huge_size/exists", UriKind.Relative));
        Assert.Equal("""{"exists":false}""", Result(await exists.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("points/query", """{"query":[1,0,0,0],"offset":2147483647,"limit":10}""", """{"points":[]}""")]
    [InlineData("points/query", """{"query":[1,0,0,0],"offset":2000000000,"limit":100}""", """{"points":[]}""")]
    [InlineData("points/search", """{"vector":[1,0,0,0],"offset":2147483647,"limit":10}""", "[]")]
    [InlineData("points/query", """{"offset":2147483647,"limit":10}""", """{"points":[]}""")]
    public async Task Search_WithHugeOffset_AnswersAnEmptyPage(string endpoint, string body, string expected)
    {
        using var response = await SendAsync(HttpMethod.Post, $"collections/{C}/{endpoint}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal(expected, Result(text));
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("GET", "collections/missing", null)]
    [InlineData("GET", "collections/missing/points/1", null)]
    [InlineData("PUT", "collections/missing/points", ValidPoints)]
    [InlineData("POST", "collections/missing/points/scroll", "{}")]
    [InlineData("POST", "collections/missing/points/count", "{}")]
    [InlineData("POST", "collections/missing/points/query", """{"query":[1,2,3,4]}""")]
    [InlineData("POST", "collections/missing/points/search", """{"vector":[1,2,3,4],"limit":3}""")]
    [InlineData("POST", "collections/missing/points", """{"ids":[1]}""")]
    [InlineData("POST", "collections/missing/points/payload", """{"points":[1],"payload":{"a":1}}""")]
    public async Task UnknownCollection_IsNotFoundWithQdrantsMessage(string method, string path, string? body)
    {
        await AssertRejectedAsync(new HttpMethod(method), path, body, HttpStatusCode.NotFound, exactly: "Not found: Collection `missing` doesn't exist!");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("\"not-a-uuid\"")]
    [InlineData("\"5c56c793-69f3-4fbf-87e6-c4bf54c2836\"")]
    [InlineData("18446744073709551616")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{}")]
    public async Task Upsert_WithInvalidPointId_IsRejectedWith400(string id)
    {
        await AssertRejectedAsync(HttpMethod.Put, $"collections/{C}/points?wait=true", $$"""{"points":[{"id":{{id}},"vector":[1,2,3,4]}]}""",
            HttpStatusCode.BadRequest, startsWith: FormatError);
        using var count = await SendAsync(HttpMethod.Post, $"collections/{C}/points/count", "{}");
        Assert.Equal("""{"count":2}""", Result(await count.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("18446744073709551616")]
    [InlineData("5c56c793-69f3-4fbf-87e6-c4bf54c2836")]
    public async Task GetPoint_WithInvalidPointId_IsRejectedWith400(string id)
    {
        await AssertRejectedAsync(HttpMethod.Get, $"collections/{C}/points/{id}", null, HttpStatusCode.BadRequest, startsWith: "Wrong input: ");
    }

    [Theory]
    [InlineData("""{"ids":[-5]}""")]
    [InlineData("""{"ids":["zzz"]}""")]
    [InlineData("""{"ids":[1.25]}""")]
    public async Task Retrieve_WithInvalidPointId_IsRejectedWith400(string body)
    {
        await AssertRejectedAsync(HttpMethod.Post, $"collections/{C}/points", body, HttpStatusCode.BadRequest, startsWith: FormatError);
    }

    [Theory]
    [InlineData("points/count")]
    [InlineData("points/scroll")]
    [InlineData("points/query")]
    public async Task DeeplyNestedFilter_TenThousandLevels_IsRejectedWith400(string endpoint)
    {
        const int levels = 10_000;
        var filter = new StringBuilder();
        for (var i = 0; i < levels; i++)
        {
            filter.Append("""{"must":[""");
        }

        filter.Append("""{"has_id":[1]}""");
        for (var i = 0; i < levels; i++)
        {
            filter.Append("]}");
        }

        await AssertRejectedAsync(HttpMethod.Post, $"collections/{C}/{endpoint}", $$"""{"filter":{{filter}}}""", HttpStatusCode.BadRequest, startsWith: FormatError);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DeeplyNestedJson_TenThousandLevels_IsRejectedWith400(bool arrays)
    {
        const int levels = 10_000;
        var nested = arrays
            ? new string('[', levels) + new string(']', levels)
            : string.Concat(Enumerable.Repeat("""{"a":""", levels)) + "1" + new string('}', levels);
        await AssertRejectedAsync(HttpMethod.Put, $"collections/{C}/points?wait=true", $$$"""{"points":[{"id":9,"vector":[1,2,3,4],"payload":{"deep":{{{nested}}}}}]}""",
            HttpStatusCode.BadRequest, startsWith: FormatError);
        await AssertPointAbsentAsync(9);
    }

    [Theory]
    [InlineData("PUT", "points", """{"points":[{"id":9,"vector":[1,2,3,4]}],"bogus":1}""", "bogus")]
    [InlineData("PUT", "points", """{"points":[{"id":9,"vector":[1,2,3,4],"vectorz":[1]}]}""", "vectorz")]
    [InlineData("POST", "points/count", """{"filter":{"must":[{"key":"k","match":{"value":"a"},"surprise":true}]}}""", "surprise")]
    [InlineData("POST", "points/query", """{"query":[1,2,3,4],"limt":3}""", "limt")]
    public async Task UnknownFields_AreRejectedWith400NamingTheField(string method, string endpoint, string body, string field)
    {
        var error = await AssertRejectedAsync(new HttpMethod(method), $"collections/{C}/{endpoint}", body, HttpStatusCode.BadRequest, startsWith: FormatError);
        Assert.Contains($"unknown field `{field}`", error, StringComparison.Ordinal);
        await AssertPointAbsentAsync(9);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task Upsert_WithWrongContentType_IsRejectedWith400(string? contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"collections/{C}/points?wait=true")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"points":[{"id":9,"vector":[1,2,3,4]}]}""")),
        };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await Http.SendAsync(request);
        var error = await AssertErrorEnvelopeAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(FormatError + "Content type error", error, StringComparison.Ordinal);
        await AssertPointAbsentAsync(9);
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("""{"points":[{"id":9,"vector":[1,2,3,4]}],"points":[]}""")]
    [InlineData("""{"points":[{"id":9,"id":10,"vector":[1,2,3,4]}]}""")]
    [InlineData("""{"points":[{"id":9,"vector":[1,2,3,4],"payload":{"a":1,"a":2}}]}""")]
    public async Task Upsert_WithDuplicateJsonKeys_IsRejectedWith400(string body)
    {
        await AssertRejectedAsync(HttpMethod.Put, $"collections/{C}/points?wait=true", body, HttpStatusCode.BadRequest, startsWith: FormatError);
        await AssertPointAbsentAsync(9);
        await AssertPointAbsentAsync(10);
    }

    [Theory]
    [InlineData("PUT", "points")]
    [InlineData("POST", "points/scroll")]
    [InlineData("POST", "points/count")]
    [InlineData("POST", "points/query")]
    [InlineData("POST", "points/delete")]
    [InlineData("POST", "points/payload")]
    public async Task EmptyBody_IsRejectedWith400(string method, string endpoint)
    {
        await AssertRejectedAsync(new HttpMethod(method), $"collections/{C}/{endpoint}", string.Empty, HttpStatusCode.BadRequest, startsWith: FormatError);
    }

    [Fact]
    public async Task EmptyBody_OnCreateCollection_IsRejectedWith400AndCreatesNothing()
    {
        await AssertRejectedAsync(HttpMethod.Put, "collections/empty_body", string.Empty, HttpStatusCode.BadRequest, startsWith: FormatError);
        using var exists = await Http.GetAsync(new Uri("collections/empty_body/exists", UriKind.Relative));
        Assert.Equal("""{"exists":false}""", Result(await exists.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xfe })]
    [InlineData(new byte[] { 0xe2, 0x82 })]
    [InlineData(new byte[] { 0xc0, 0xaf })]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })]
    public async Task Upsert_WithInvalidUtf8_IsRejectedWith400(byte[] bad)
    {
        var body = new List<byte>();
        body.AddRange("""{"points":[{"id":9,"vector":[1,2,3,4],"payload":{"s":"x"""u8.ToArray());
        body.AddRange(bad);
        body.AddRange("\"}}]}"u8.ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Put, $"collections/{C}/points?wait=true") { Content = new ByteArrayContent([.. body]) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await Http.SendAsync(request);
        var error = await AssertErrorEnvelopeAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(FormatError, error, StringComparison.Ordinal);
        await AssertPointAbsentAsync(9);
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("collections/hostile/")]
    [InlineData("collections//hostile")]
    [InlineData("/collections///hostile//")]
    public async Task TrailingAndDoubleSlashes_RouteLikeTheCanonicalPath(string variant)
    {
        using var canonical = await Http.GetAsync(new Uri($"collections/{C}", UriKind.Relative));
        using var other = await Http.GetAsync(new Uri(Http.BaseAddress!, variant));
        Assert.Equal(HttpStatusCode.OK, canonical.StatusCode);
        Assert.Equal(canonical.StatusCode, other.StatusCode);
        Assert.Equal(Result(await canonical.Content.ReadAsStringAsync()), Result(await other.Content.ReadAsStringAsync()));

        using var canonicalCount = await SendAsync(HttpMethod.Post, $"collections/{C}/points/count", """{"filter":{"must":[{"key":"k","match":{"value":"a"}}]}}""");
        using var otherCount = await SendAsync(HttpMethod.Post, $"{variant.TrimEnd('/')}//points/count/", """{"filter":{"must":[{"key":"k","match":{"value":"a"}}]}}""");
        Assert.Equal(HttpStatusCode.OK, otherCount.StatusCode);
        Assert.Equal("""{"count":1}""", Result(await canonicalCount.Content.ReadAsStringAsync()));
        Assert.Equal("""{"count":1}""", Result(await otherCount.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task CollectionsList_WithTrailingSlash_RoutesLikeWithout()
    {
        using var canonical = await Http.GetAsync(new Uri("collections", UriKind.Relative));
        using var slashed = await Http.GetAsync(new Uri("collections/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, slashed.StatusCode);
        Assert.Equal(Result(await canonical.Content.ReadAsStringAsync()), Result(await slashed.Content.ReadAsStringAsync()));
    }

    // ----------------------------------------------------------------------------------------------------------

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(Http.BaseAddress!, path));
        if (body is not null)
        {
            request.Content = new StringContent(body, new UTF8Encoding(false), "application/json");
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Sends the request, checks status and envelope (and the message), then that the node still serves.</summary>
    private async Task<string> AssertRejectedAsync(HttpMethod method, string path, string? body, HttpStatusCode status, string? exactly = null, string? startsWith = null)
    {
        using var response = await SendAsync(method, path, body);
        var error = await AssertErrorEnvelopeAsync(response, status);
        if (exactly is not null)
        {
            Assert.Equal(exactly, error);
        }

        if (startsWith is not null)
        {
            Assert.StartsWith(startsWith, error, StringComparison.Ordinal);
            Assert.True(error.Length > startsWith.Length, $"the error says nothing after its prefix: {error}");
        }

        await AssertStillServesAsync();
        return error;
    }

    /// <summary>Qdrant's error envelope: exactly <c>status.error</c> (a string) and <c>time</c> (a number), no <c>result</c>.</summary>
    internal static async Task<string> AssertErrorEnvelopeAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(["status", "time"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("time").ValueKind);
        Assert.True(root.GetProperty("time").GetDouble() >= 0);
        var statusObject = root.GetProperty("status");
        Assert.Equal(JsonValueKind.Object, statusObject.ValueKind);
        Assert.Equal(["error"], statusObject.EnumerateObject().Select(p => p.Name));
        var error = statusObject.GetProperty("error");
        Assert.Equal(JsonValueKind.String, error.ValueKind);
        return error.GetString()!;
    }

    private async Task AssertStillServesAsync()
    {
        using var response = await Http.GetAsync(new Uri("collections", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /collections answered {(int)response.StatusCode}: {text}");
        Assert.Contains($$"""{"name":"{{C}}"}""", Result(text), StringComparison.Ordinal);
    }

    private async Task AssertPointAbsentAsync(int id)
    {
        using var response = await SendAsync(HttpMethod.Post, $"collections/{C}/points", $$"""{"ids":[{{id}}]}""");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("[]", Result(text));
    }

    internal static string Result(string envelope)
    {
        using var doc = JsonDocument.Parse(envelope);
        Assert.Equal("ok", doc.RootElement.GetProperty("status").GetString());
        return doc.RootElement.GetProperty("result").GetRawText();
    }
}
