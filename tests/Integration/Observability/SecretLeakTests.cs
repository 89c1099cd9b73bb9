using System.Net.Http.Headers;
using System.Text;
using Citadel.Tests.Integration.Infrastructure;
using Citadel.Tests.Shared;
using Grpc.Core;
using Grpc.Net.Client;

namespace Citadel.Tests.Integration.Observability;

/// <summary>
/// No log line ever contains a credential: a node with every key configured, JWT RBAC, audit on, the most verbose
/// level, and a JSON log file is exercised with every credential kind over REST and gRPC (accepted, refused,
/// malformed, on failing requests too), stopped, and then its console log, log file and audit files are searched for
/// the configured keys, the minted tokens and their signatures.
/// </summary>
public sealed class SecretLeakTests
{
    private const string ApiKey = "leak-admin-key-0123456789abcdef-0123456789";
    private const string AltApiKey = "leak-alt-key-0123456789abcdef-01234567890";
    private const string ReadOnlyKey = "leak-read-only-key-0123456789";

    [Fact]
    public async Task NoLogOrAuditFile_ContainsAKeyOrAToken_AfterExercisingEveryCredentialKind()
    {
        using var directory = new TempDirectory("leak");
        var tokens = new[]
        {
            Tokens.Hs256(ApiKey, new { access = "m", subject = "ops" }),
            Tokens.Hs256(AltApiKey, new { access = "r" }),
            Tokens.Hs256(ApiKey, new { access = new object[] { new { collection = "col", access = "rw" } } }),
            Tokens.Hs256(ApiKey, new { access = "m", exp = Tokens.Exp(DateTimeOffset.UtcNow.AddMinutes(-5)) }),
            Tokens.Hs256("a-secret-the-node-does-not-know-0123456789", new { access = "m" }),
            Tokens.Hs256(ApiKey, new { access = new object[] { new { collection = "col", access = "r", payload = new { k = "v" } } } }),
        };
        var secrets = new[] { ApiKey, AltApiKey, ReadOnlyKey }.Concat(tokens).Concat(tokens.Select(t => t[(t.LastIndexOf('.') + 1)..])).ToList();

        await using (var node = await NodeProcess.StartAsync(directory.Path, new Dictionary<string, string>
        {
            ["QDRANT__SERVICE__API_KEY"] = ApiKey,
            ["QDRANT__SERVICE__ALT_API_KEY"] = AltApiKey,
            ["QDRANT__SERVICE__READ_ONLY_API_KEY"] = ReadOnlyKey,
            ["QDRANT__SERVICE__JWT_RBAC"] = "true",
            ["QDRANT__AUDIT__ENABLED"] = "true",
            ["QDRANT__LOG_LEVEL"] = "TRACE",
            ["QDRANT__LOGGER__ON_DISK__ENABLED"] = "true",
            ["QDRANT__LOGGER__ON_DISK__LOG_FILE"] = directory.File("node.json.log"),
            ["QDRANT__LOGGER__ON_DISK__FORMAT"] = "json",
        }))
        {
            await ExerciseRestAsync(node, tokens);
            await ExerciseGrpcAsync(node, tokens);
            Assert.Equal(0, await node.StopAsync());
        }

        var files = Directory.EnumerateFiles(directory.Path, "*.log", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("node.json.log", StringComparison.Ordinal));
        Assert.Contains(files, f => Path.GetFileName(f).StartsWith("audit", StringComparison.Ordinal));
        var text = string.Join("\n", files.Select(File.ReadAllText));
        Assert.Contains("REST GET /collections/col", text, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a log or audit file contains `{secret[..Math.Min(12, secret.Length)]}…`");
        }
    }

    private static async Task ExerciseRestAsync(NodeProcess node, string[] tokens)
    {
        using var http = new HttpClient { BaseAddress = node.BaseUri };
        var headers = new List<(string, string)>
        {
            ("api-key", ApiKey), ("api-key", AltApiKey), ("api-key", ReadOnlyKey), ("authorization", "Bearer " + ApiKey),
            ("authorization", "Bearer " + ReadOnlyKey), ("authorization", "bearer " + ApiKey), ("api-key", ApiKey + "x"),
        };
        headers.AddRange(tokens.Select(t => ("authorization", "Bearer " + t)));
        headers.AddRange(tokens.Select(t => ("api-key", t)));

        await SendAsync(http, HttpMethod.Put, "/collections/col", ("api-key", ApiKey), """{"vectors":{"size":2,"distance":"Dot"}}""");
        foreach (var header in headers)
        {
            await SendAsync(http, HttpMethod.Get, "/collections/col", header);
            await SendAsync(http, HttpMethod.Get, "/collections/missing?api-key=" + header.Item2, header);
            await SendAsync(http, HttpMethod.Put, "/collections/col/points?wait=true", header, """{"points":[{"id":1,"vector":[1,2],"payload":{"token":"x"}}]}""");
            await SendAsync(http, HttpMethod.Post, "/collections/col/points/scroll", header, "{not json");
            await SendAsync(http, HttpMethod.Get, "/telemetry", header);
            await SendAsync(http, HttpMethod.Get, "/metrics", header);
            await SendAsync(http, HttpMethod.Post, "/logger", header, """{"log_level":"TRACE"}""");
        }
    }

    private static async Task ExerciseGrpcAsync(NodeProcess node, string[] tokens)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{node.GrpcPort}");
        var points = new Citadel.Grpc.Points.PointsClient(channel);
        var metadata = new List<Metadata> { new() { { "api-key", ApiKey } }, new() { { "api-key", ReadOnlyKey } }, new() { { "api-key", "wrong" + AltApiKey } } };
        metadata.AddRange(tokens.Select(t => new Metadata { { "authorization", "Bearer " + t } }));
        foreach (var m in metadata)
        {
            foreach (var collection in new[] { "col", "missing" })
            {
                try
                {
                    await points.CountAsync(new Citadel.Grpc.CountPoints { CollectionName = collection }, m);
                }
                catch (RpcException)
                {
                    // Refusals are part of the exercise.
                }
            }
        }
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, (string Name, string Value) header, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        request.Headers.TryAddWithoutValidation("x-request-id", "leak-test");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        (await http.SendAsync(request)).Dispose();
    }
}
