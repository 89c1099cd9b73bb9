using System.Net;
using System.Text;
using System.Text.Json;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Hostile;

/// <summary>One node for the hostile-input suite, with a 4-d collection <c>hostile</c> holding points 1 and 2.</summary>
public sealed class HostileNodeFixture : IAsyncLifetime
{
    public const string Collection = "hostile";

    private NodeProcess? _node;

    public NodeProcess Node => _node ?? throw new InvalidOperationException("not started");

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartAsync();
        Http = new HttpClient { BaseAddress = _node.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        await SendOkAsync(HttpMethod.Put, $"collections/{Collection}", """{"vectors":{"size":4,"distance":"Cosine"}}""");
        await SendOkAsync(HttpMethod.Put, $"collections/{Collection}/points?wait=true",
            """{"points":[{"id":1,"vector":[1,0,0,0],"payload":{"k":"a"}},{"id":2,"vector":[0,1,0,0],"payload":{"k":"b"}}]}""");
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    private async Task SendOkAsync(HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {body}");
        }

        using var _ = JsonDocument.Parse(body);
    }
}
