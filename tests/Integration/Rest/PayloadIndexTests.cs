using System.Net;
using System.Text;
using System.Text.Json;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Rest;

/// <summary>
/// Payload indexes over plain HTTP: creating one of each type, <c>payload_schema</c> before and after a restart, filtered
/// scrolls and facets against counts computed here, Qdrant's errors, and dropping an index.
/// </summary>
public sealed class PayloadIndexTests
{
    private const int Points = 1500;

    private static readonly float[] UnitVector = [1f, 0f];

    [Fact]
    public async Task Indexes_ServeFiltersAndFacets_AndSurviveARestart()
    {
        var directory = Directory.CreateTempSubdirectory("citadel-payidx-").FullName;
        try
        {
            var payloads = Payloads();
            await using (var first = await NodeProcess.StartAsync(workingDirectory: directory))
            {
                using var http = Client(first);
                await Send(http, HttpMethod.Put, "/collections/c", """{"vectors": {"size": 2, "distance": "Dot"}, "shard_number": 2}""");
                await Send(http, HttpMethod.Put, "/collections/c/points?wait=true", PointsBody(payloads));
                foreach (var (field, schema) in Schemas)
                {
                    using var created = await Send(http, HttpMethod.Put, "/collections/c/index?wait=true", $$"""{"field_name": "{{field}}", "field_schema": {{schema}}}""");
                    Assert.Equal("completed", created.RootElement.GetProperty("result").GetProperty("status").GetString());
                }

                await AssertAnswers(http, payloads);
                Assert.Equal(0, await first.StopAsync());
            }

            await using var second = await NodeProcess.StartAsync(workingDirectory: directory);
            using var again = Client(second);
            await AssertAnswers(again, payloads);

            using var dropped = await Send(again, HttpMethod.Delete, "/collections/c/index/color?wait=true", null);
            Assert.Equal("completed", dropped.RootElement.GetProperty("result").GetProperty("status").GetString());
            using var info = await Send(again, HttpMethod.Get, "/collections/c", null);
            Assert.False(info.RootElement.GetProperty("result").GetProperty("payload_schema").TryGetProperty("color", out _));
            var (status, error) = await Fail(again, HttpMethod.Post, "/collections/c/facet", """{"key": "color"}""");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.StartsWith("Wrong input: No appropriate index for faceting: `color`.", error, StringComparison.Ordinal);
        }
        finally
        {
            TempDirectory.DeleteQuietly(directory);
        }
    }

    [Fact]
    public async Task BadIndexRequests_GetQdrantsErrors()
    {
        await using var node = await NodeProcess.StartAsync();
        using var http = Client(node);
        await Send(http, HttpMethod.Put, "/collections/c", """{"vectors": {"size": 2, "distance": "Dot"}}""");

        var (noSchema, noSchemaError) = await Fail(http, HttpMethod.Put, "/collections/c/index", """{"field_name": "a"}""");
        Assert.Equal(HttpStatusCode.BadRequest, noSchema);
        Assert.Equal("Bad request: Can't auto-detect field type, please specify `field_schema` in the request", noSchemaError);

        var (both, _) = await Fail(http, HttpMethod.Put, "/collections/c/index", """{"field_name": "a", "field_schema": {"type": "integer", "lookup": false, "range": false}}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, both);

        var (unknown, _) = await Fail(http, HttpMethod.Put, "/collections/c/index", """{"field_name": "a", "field_schema": "vector"}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown);

        var (missing, _) = await Fail(http, HttpMethod.Put, "/collections/nope/index", """{"field_name": "a", "field_schema": "keyword"}""");
        Assert.Equal(HttpStatusCode.NotFound, missing);

        var (orderBy, orderByError) = await Fail(http, HttpMethod.Post, "/collections/c/points/scroll", """{"order_by": "a"}""");
        Assert.Equal(HttpStatusCode.BadRequest, orderBy);
        Assert.StartsWith("Wrong input: No range index for `order_by` key: `a`.", orderByError, StringComparison.Ordinal);
    }

    private static readonly (string Field, string Schema)[] Schemas =
    [
        ("color", "\"keyword\""),
        ("n", """{"type": "integer", "range": true}"""),
        ("price", "\"float\""),
        ("flag", "\"bool\""),
        ("at", "\"datetime\""),
        ("ref", "\"uuid\""),
        ("place", "\"geo\""),
        ("note", """{"type": "text", "tokenizer": "word"}"""),
    ];

    private static async Task AssertAnswers(HttpClient http, List<Payload> payloads)
    {
        using var info = await Send(http, HttpMethod.Get, "/collections/c", null);
        var schema = info.RootElement.GetProperty("result").GetProperty("payload_schema");
        Assert.Equal(Schemas.Length, schema.EnumerateObject().Count());
        Assert.Equal("keyword", schema.GetProperty("color").GetProperty("data_type").GetString());
        Assert.Equal(payloads.Count, schema.GetProperty("color").GetProperty("points").GetInt32());
        Assert.Equal(payloads.Count(p => p.N is not null), schema.GetProperty("n").GetProperty("points").GetInt32());
        Assert.True(schema.GetProperty("n").GetProperty("params").GetProperty("range").GetBoolean());

        await AssertScroll(http, """{"must": [{"key": "color", "match": {"value": "red"}}]}""", payloads.Where(p => p.Color == "red"));
        await AssertScroll(http, """{"must": [{"key": "n", "range": {"gte": 10, "lt": 30}}, {"key": "flag", "match": {"value": true}}]}""", payloads.Where(p => p.N is >= 10 and < 30 && p.Flag));
        await AssertScroll(http, """{"must": [{"key": "at", "range": {"gte": "2024-02-01T00:00:00Z"}}], "must_not": [{"key": "price", "range": {"lt": 50}}]}""", payloads.Where(p => p.At >= new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc) && p.Price >= 50));
        await AssertScroll(http, """{"must": [{"key": "note", "match": {"text": "alpha"}}]}""", payloads.Where(p => p.Note.Split(' ').Contains("alpha")));
        await AssertScroll(http, """{"must": [{"key": "ref", "match": {"value": "11111111-2222-4333-8444-555555555555"}}]}""", payloads.Where(p => p.Id % 4 == 0));
        await AssertScroll(http, """{"must": [{"key": "place", "geo_bounding_box": {"top_left": {"lon": 0, "lat": 10}, "bottom_right": {"lon": 10, "lat": 0}}}]}""", payloads.Where(p => p.Lon is > 0 and < 10 && p.Lat is > 0 and < 10));

        using var facet = await Send(http, HttpMethod.Post, "/collections/c/facet", """{"key": "color", "filter": {"must": [{"key": "flag", "match": {"value": true}}]}}""");
        var expected = payloads.Where(p => p.Flag).GroupBy(p => p.Color)
            .Select(g => (Value: g.Key, Count: g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Value, StringComparer.Ordinal).ToList();
        var hits = facet.RootElement.GetProperty("result").GetProperty("hits").EnumerateArray()
            .Select(h => (Value: h.GetProperty("value").GetString()!, Count: h.GetProperty("count").GetInt32())).ToList();
        Assert.Equal(expected, hits);

        using var ordered = await Send(http, HttpMethod.Post, "/collections/c/points/scroll", """{"order_by": {"key": "price", "direction": "desc"}, "limit": 5, "with_payload": false}""");
        var top = ordered.RootElement.GetProperty("result").GetProperty("points").EnumerateArray().Select(p => p.GetProperty("id").GetInt32());
        Assert.Equal(payloads.OrderByDescending(p => p.Price).ThenBy(p => p.Id).Take(5).Select(p => p.Id), top);
    }

    private static async Task AssertScroll(HttpClient http, string filter, IEnumerable<Payload> expected)
    {
        using var page = await Send(http, HttpMethod.Post, "/collections/c/points/scroll", $$"""{"filter": {{filter}}, "limit": 100000, "with_payload": false}""");
        var ids = page.RootElement.GetProperty("result").GetProperty("points").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
        var wanted = expected.Select(p => p.Id).Order().ToList();
        Assert.True(wanted.Count > 0, filter);
        Assert.Equal(wanted, ids);
        using var count = await Send(http, HttpMethod.Post, "/collections/c/points/count", $$"""{"filter": {{filter}}}""");
        Assert.Equal(wanted.Count, count.RootElement.GetProperty("result").GetProperty("count").GetInt32());
    }

    private sealed record Payload(int Id, string Color, int? N, double Price, bool Flag, DateTime At, string Note, double Lon, double Lat);

    private static List<Payload> Payloads()
    {
        var random = new Random(77);
        string[] colors = ["red", "green", "blue", "black"];
        string[] words = ["alpha", "beta", "gamma", "delta"];
        return [.. Enumerable.Range(1, Points).Select(id => new Payload(
            id,
            colors[random.Next(colors.Length)],
            random.Next(10) == 0 ? null : random.Next(50),
            Math.Round(random.NextDouble() * 100, 3),
            random.Next(2) == 0,
            new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(random.Next(24 * 60)),
            string.Join(' ', Enumerable.Range(0, 3).Select(_ => words[random.Next(words.Length)])),
            Math.Round((random.NextDouble() * 40) - 20, 4),
            Math.Round((random.NextDouble() * 40) - 20, 4)))];
    }

    private static string PointsBody(List<Payload> payloads)
    {
        var points = payloads.Select(p =>
        {
            var payload = new Dictionary<string, object?>
            {
                ["color"] = p.Color,
                ["price"] = p.Price,
                ["flag"] = p.Flag,
                ["at"] = p.At.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                ["ref"] = p.Id % 4 == 0 ? "11111111-2222-4333-8444-555555555555" : "11111111-2222-4333-8444-666666666666",
                ["place"] = new { lon = p.Lon, lat = p.Lat },
                ["note"] = p.Note,
            };
            if (p.N is { } n)
            {
                payload["n"] = n;
            }

            return new { id = p.Id, vector = UnitVector, payload };
        });
        return JsonSerializer.Serialize(new { points });
    }

    private static HttpClient Client(NodeProcess node) => new() { BaseAddress = new Uri($"http://127.0.0.1:{node.HttpPort}") };

    private static async Task<JsonDocument> Send(HttpClient http, HttpMethod method, string path, string? body)
    {
        using var response = await Raw(http, method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }

    private static async Task<(HttpStatusCode Status, string Error)> Fail(HttpClient http, HttpMethod method, string path, string body)
    {
        using var response = await Raw(http, method, path, body);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, doc.RootElement.GetProperty("status").GetProperty("error").GetString()!);
    }

    private static async Task<HttpResponseMessage> Raw(HttpClient http, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}
