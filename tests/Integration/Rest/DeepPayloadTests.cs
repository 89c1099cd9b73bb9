using System.Net;
using System.Text;
using System.Text.Json;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Rest;

/// <summary>Payloads as deep as a REST body may be are stored, logged and recovered after a crash.</summary>
public sealed class DeepPayloadTests
{
    [Fact]
    public async Task PayloadNestedHundredLevels_IsStoredAndSurvivesAKill()
    {
        const int depth = 100;
        var payload = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        var directory = Directory.CreateTempSubdirectory("citadel-deep-").FullName;
        try
        {
            await using (var first = await NodeProcess.StartAsync(workingDirectory: directory))
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{first.HttpPort}") };
                await SendAsync(http, HttpMethod.Put, "/collections/deep", """{"vectors": {"size": 2, "distance": "Dot"}}""");
                await SendAsync(http, HttpMethod.Put, "/collections/deep/points?wait=true", $$"""{"points": [{"id": 1, "vector": [1, 2], "payload": {{payload}}}]}""");
                first.Kill();
            }

            await using var second = await NodeProcess.StartAsync(workingDirectory: directory);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{second.HttpPort}") };
            var point = await SendAsync(client, HttpMethod.Get, "/collections/deep/points/1", null);

            using var doc = JsonDocument.Parse(point, new JsonDocumentOptions { MaxDepth = 256 });
            var value = doc.RootElement.GetProperty("result").GetProperty("payload");
            for (var i = 0; i < depth; i++)
            {
                value = value.GetProperty("a");
            }

            Assert.Equal(1, value.GetInt32());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> SendAsync(HttpClient http, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }
}
