using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Citadel.Bench.Cluster;

/// <summary>One citadel process of the cluster benchmark, restartable on the same directory and ports.</summary>
internal sealed class BenchPeer : IAsyncDisposable
{
    private readonly Dictionary<string, string> _env;
    private Process? _process;

    public BenchPeer(string directory, Dictionary<string, string> env)
    {
        Directory = directory;
        _env = env;
        HttpPort = FreePort();
        P2pPort = FreePort();
        _env["QDRANT__SERVICE__HTTP_PORT"] = HttpPort.ToString(CultureInfo.InvariantCulture);
        _env["QDRANT__SERVICE__GRPC_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture);
        _env["QDRANT__CLUSTER__P2P__PORT"] = P2pPort.ToString(CultureInfo.InvariantCulture);
        _env["QDRANT__LOG_LEVEL"] = "WARN";
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Directory { get; }

    public int HttpPort { get; }

    public int P2pPort { get; }

    public HttpClient Http { get; }

    public bool Running => _process is { HasExited: false };

    public async Task StartAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "citadel.dll")])
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (k, v) in _env.Concat(extra ?? new Dictionary<string, string>()))
        {
            psi.Environment[k] = v;
        }

        _process?.Dispose();
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await Http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"peer in {Directory} exited with {_process.ExitCode}");
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"peer in {Directory} did not become ready");
    }

    public void Kill()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    /// <summary>(this peer's id, the leader it knows), or null when it does not answer.</summary>
    public async Task<(ulong Self, ulong? Leader)?> ViewAsync()
    {
        try
        {
            using var doc = JsonDocument.Parse(await Http.GetStringAsync(new Uri("/cluster", UriKind.Relative)));
            var result = doc.RootElement.GetProperty("result");
            var leader = result.GetProperty("raft_info").GetProperty("leader");
            return (result.GetProperty("peer_id").GetUInt64(), leader.ValueKind == JsonValueKind.Number ? leader.GetUInt64() : null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Running)
        {
            Kill();
        }

        _process?.Dispose();
        Http.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
