using System.Net.Http.Headers;
using System.Text;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Security;

/// <summary>
/// One node with every credential kind configured (admin, alt and read-only keys, JWT RBAC), a collection <c>col</c>
/// the scoped tokens name, and a <c>users</c> collection for <c>value_exists</c> tokens.
/// </summary>
public sealed class SecuredNodeFixture : IAsyncLifetime
{
    public const string ApiKey = "admin-api-key-for-tests-0123456789abcdef";
    public const string AltApiKey = "alt-api-key-for-tests-0123456789abcdef00";
    public const string ReadOnlyKey = "read-only-key-for-tests";

    public NodeProcess Node { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        Node = await NodeProcess.StartAsync(env: new Dictionary<string, string>
        {
            ["QDRANT__SERVICE__API_KEY"] = ApiKey,
            ["QDRANT__SERVICE__ALT_API_KEY"] = AltApiKey,
            ["QDRANT__SERVICE__READ_ONLY_API_KEY"] = ReadOnlyKey,
            ["QDRANT__SERVICE__JWT_RBAC"] = "true",
        });
        Http.BaseAddress = Node.BaseUri;
        foreach (var name in new[] { "col", "other", "users" })
        {
            await AdminAsync(HttpMethod.Put, $"/collections/{name}", """{"vectors":{"size":4,"distance":"Dot"}}""");
        }

        await AdminAsync(HttpMethod.Put, "/collections/col/points?wait=true", """{"points":[{"id":1,"vector":[1,0,0,0],"payload":{"k":"v"}}]}""");
    }

    /// <summary>Sends a request with the admin key and fails on an error status.</summary>
    public async Task<string> AdminAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("api-key", ApiKey);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Node.DisposeAsync();
    }
}
