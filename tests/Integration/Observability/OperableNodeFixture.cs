using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Citadel.Tests.Integration.Infrastructure;
using Citadel.Tests.Shared;
using Grpc.Net.Client;

namespace Citadel.Tests.Integration.Observability;

/// <summary>
/// One node for the operability endpoints: admin, alt and read-only keys, JWT RBAC, audit on, the most verbose log
/// level, and a separate metrics port. Collections <c>col</c> and <c>other</c>; tokens scoped to <c>col</c>.
/// </summary>
public sealed class OperableNodeFixture : IAsyncLifetime
{
    public const string ApiKey = "ops-admin-key-0123456789abcdef-0123456789";
    public const string AltApiKey = "ops-alt-key-0123456789abcdef-01234567890";
    public const string ReadOnlyKey = "ops-read-only-key-0123456789";

    public NodeProcess Node { get; private set; } = null!;

    public int MetricsPort { get; } = FreePort();

    public HttpClient Http { get; } = new();

    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>A token that may read <c>col</c> only.</summary>
    public static string ScopedToken { get; } = Tokens.Hs256(ApiKey, new { access = new object[] { new { collection = "col", access = "r" } } });

    public static (string Name, string Value) Admin => ("api-key", ApiKey);

    public static (string Name, string Value) ReadOnly => ("api-key", ReadOnlyKey);

    public static (string Name, string Value) Scoped => ("authorization", "Bearer " + ScopedToken);

    public async Task InitializeAsync()
    {
        Node = await NodeProcess.StartAsync(env: new Dictionary<string, string>
        {
            ["QDRANT__SERVICE__API_KEY"] = ApiKey,
            ["QDRANT__SERVICE__ALT_API_KEY"] = AltApiKey,
            ["QDRANT__SERVICE__READ_ONLY_API_KEY"] = ReadOnlyKey,
            ["QDRANT__SERVICE__JWT_RBAC"] = "true",
            ["QDRANT__SERVICE__METRICS_PORT"] = MetricsPort.ToString(CultureInfo.InvariantCulture),
            ["QDRANT__AUDIT__ENABLED"] = "true",
            ["QDRANT__LOG_LEVEL"] = "TRACE",
        });
        Http.BaseAddress = Node.BaseUri;
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Node.GrpcPort}");
        foreach (var name in new[] { "col", "other" })
        {
            await SendAsync(HttpMethod.Put, $"/collections/{name}", Admin, """{"vectors":{"size":2,"distance":"Dot"}}""");
        }
    }

    /// <summary>Sends a request with one credential header (or none); returns status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body, string? ContentType)> SendAsync(HttpMethod method, string path, (string Name, string Value)? credential, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (credential is { } c)
        {
            request.Headers.TryAddWithoutValidation(c.Name, c.Value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString());
    }

    /// <summary>GET that must succeed; returns the envelope's <c>result</c>.</summary>
    public async Task<JsonElement> ResultAsync(string path, (string Name, string Value) credential)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, path, credential);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status} {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("result").Clone();
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        Http.Dispose();
        await Node.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
