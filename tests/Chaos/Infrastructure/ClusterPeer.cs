using System.Globalization;
using System.Text.Json;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Chaos.Infrastructure;

/// <summary>
/// One peer of a <see cref="TestCluster"/>: a real <c>citadel</c> process in its own working directory, with fixed
/// ports (REST, gRPC, peer) so that it can be killed and restarted on the same storage and address.
/// </summary>
internal sealed class ClusterPeer : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private NodeProcess? _process;

    public ClusterPeer(string name, string directory, Dictionary<string, string> environment, int p2pPort)
    {
        Name = name;
        Directory = directory;
        _environment = environment;
        P2pPort = p2pPort;
    }

    public string Name { get; }

    public string Directory { get; }

    public int P2pPort { get; }

    public NodeProcess Process => _process ?? throw new InvalidOperationException($"{Name} was never started");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>REST client with the admin key.</summary>
    public HttpClient Http { get; private set; } = new();

    /// <summary>REST client without credentials.</summary>
    private HttpClient Bare { get; set; } = new();

    public Uri PeerUri => new($"https://127.0.0.1:{P2pPort}");

    /// <summary>Starts (or restarts, on the same storage) this peer; extra variables apply to this start only.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>(_environment);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _process = await NodeProcess.StartAsync(Directory, env);
        Http.Dispose();
        Bare.Dispose();
        Bare = new HttpClient { BaseAddress = Process.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        Http = new HttpClient { BaseAddress = Process.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Add("api-key", TestCluster.AdminKey);
    }

    public void Kill() => Process.Kill();

    public Task<int> StopAsync() => Process.StopAsync();

    /// <summary>This peer's view of the cluster (<c>GET /cluster</c>).</summary>
    public async Task<ClusterView> ClusterAsync()
    {
        using var doc = await GetJsonAsync("/cluster");
        var result = doc.RootElement.GetProperty("result");
        var raft = result.GetProperty("raft_info");
        var peers = result.GetProperty("peers").EnumerateObject()
            .ToDictionary(p => ulong.Parse(p.Name, CultureInfo.InvariantCulture), p => p.Value.GetProperty("uri").GetString()!);
        return new ClusterView(
            result.GetProperty("peer_id").GetUInt64(),
            peers,
            raft.GetProperty("leader").ValueKind == JsonValueKind.Null ? null : raft.GetProperty("leader").GetUInt64(),
            raft.GetProperty("role").GetString()!,
            raft.GetProperty("term").GetInt64(),
            raft.GetProperty("commit").GetInt64());
    }

    public async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response, path);
    }

    public async Task<JsonDocument> SendJsonAsync(HttpMethod method, string path, string? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Remove(name);
            request.Headers.Add(name, value);
        }

        using var response = await Http.SendAsync(request);
        return await ReadAsync(response, $"{method} {path}");
    }

    /// <summary>The status code and body of a request expected to fail.</summary>
    public async Task<(int Status, string Body)> SendRawAsync(HttpMethod method, string path, string? body = null, string? apiKey = TestCluster.AdminKey)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        if (apiKey is not null)
        {
            request.Headers.Add("api-key", apiKey);
        }

        using var response = await Bare.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Bare.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private async Task<JsonDocument> ReadAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{Name}: {what} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        return JsonDocument.Parse(text);
    }
}

/// <summary>A peer's answer to <c>GET /cluster</c>.</summary>
internal sealed record ClusterView(ulong PeerId, IReadOnlyDictionary<ulong, string> Peers, ulong? Leader, string Role, long Term, long Commit);
