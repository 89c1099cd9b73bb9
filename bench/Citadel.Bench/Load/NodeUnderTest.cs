using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Citadel.Bench.Load;

/// <summary>A real citadel process on loopback with its own storage, for end-to-end load runs.</summary>
internal sealed class NodeUnderTest : IAsyncDisposable
{
    private readonly Process _process;

    private NodeUnderTest(Process process, string directory, int httpPort, int grpcPort, bool tls)
    {
        _process = process;
        Directory = directory;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
        Rest = new Uri($"{(tls ? "https" : "http")}://localhost:{HttpPort}");
    }

    public string Directory { get; }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    public Uri Rest { get; }

    /// <summary>CPU time the node process has used so far (user + system), to charge work to the server side alone.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Starts a node. <paramref name="configure"/> may write files into the node's directory (certificates) and return
    /// extra environment; <paramref name="handler"/> is how clients (and the readiness probe) connect;
    /// <paramref name="cpus"/> (a <c>taskset</c> list) keeps the node off the cores the load generator uses.
    /// </summary>
    public static async Task<NodeUnderTest> StartAsync(Func<string, IDictionary<string, string>>? configure = null, HttpMessageHandler? handler = null, string? cpus = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "citadel.dll");
        var dir = System.IO.Directory.CreateTempSubdirectory("citadel-bench-").FullName;
        var env = configure?.Invoke(dir);
        var http = FreePort();
        var grpc = FreePort();
        var psi = new ProcessStartInfo(cpus is null ? "dotnet" : "taskset", cpus is null ? [dll] : ["-c", cpus, "dotnet", dll])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["QDRANT__SERVICE__HTTP_PORT"] = http.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["QDRANT__SERVICE__GRPC_PORT"] = grpc.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["QDRANT__LOG_LEVEL"] = "WARN";
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var tls = env is not null && env.TryGetValue("QDRANT__SERVICE__ENABLE_TLS", out var on) && on == "true";
        var node = new NodeUnderTest(process, dir, http, grpc, tls);
        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await client.GetAsync(new Uri(node.Rest, "/readyz"))).IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await node.DisposeAsync();
        throw new InvalidOperationException("citadel did not become ready");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Temp directory; best effort.
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
