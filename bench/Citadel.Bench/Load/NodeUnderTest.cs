using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Citadel.Bench.Load;

/// <summary>A real citadel process on loopback with its own storage, for end-to-end load runs.</summary>
internal sealed class NodeUnderTest : IAsyncDisposable
{
    private readonly Process _process;

    private NodeUnderTest(Process process, string directory, int httpPort, int grpcPort)
    {
        _process = process;
        Directory = directory;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
    }

    public string Directory { get; }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    public Uri Rest => new($"http://127.0.0.1:{HttpPort}");

    public static async Task<NodeUnderTest> StartAsync(IDictionary<string, string>? env = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "citadel.dll");
        var dir = System.IO.Directory.CreateTempSubdirectory("citadel-bench-").FullName;
        var http = FreePort();
        var grpc = FreePort();
        var psi = new ProcessStartInfo("dotnet", [dll])
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
        var node = new NodeUnderTest(process, dir, http, grpc);
        using var client = new HttpClient();
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
