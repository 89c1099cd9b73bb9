using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Citadel.Tests.Integration.Infrastructure;

/// <summary>
/// A real <c>citadel</c> process (<c>dotnet citadel.dll</c>) on free loopback ports, in its own temporary working
/// directory, ready once <c>GET /readyz</c> answers. The node runs out of process because it owns process-wide
/// state (storage lock, logging), exactly as in production.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);
    private const int OutputLimit = 64 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly bool _ownsDirectory;

    private NodeProcess(Process process, int httpPort, int grpcPort, string workingDirectory, bool ownsDirectory)
    {
        _process = process;
        _ownsDirectory = ownsDirectory;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
        WorkingDirectory = workingDirectory;
    }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    public string WorkingDirectory { get; }

    /// <summary>What the node printed so far (trimmed), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a node. <paramref name="environment"/> adds or overrides variables such as <c>QDRANT__…</c> settings;
    /// <paramref name="workingDirectory"/> restarts on an earlier node's storage (the caller then owns that directory).
    /// </summary>
    public static async Task<NodeProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        var ownsDirectory = workingDirectory is null;
        workingDirectory ??= Directory.CreateTempSubdirectory("citadel-node-").FullName;
        var httpPort = FreePort();
        var grpcPort = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(NodeDll());

        // The node reads QDRANT__* from its environment: start from a clean slate so the caller's shell cannot leak in.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("QDRANT__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["QDRANT__SERVICE__HOST"] = "127.0.0.1";
        info.Environment["QDRANT__SERVICE__HTTP_PORT"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["QDRANT__SERVICE__GRPC_PORT"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var node = new NodeProcess(process, httpPort, grpcPort, workingDirectory, ownsDirectory);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitReadyAsync(cancellationToken);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>Kills the node at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Leave it; the directory clean-up below may then fail and is best effort.
            }
        }

        _process.Dispose();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"citadel exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort}/readyz"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // That attempt timed out; try again.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"citadel was not ready within {StartupTimeout.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < OutputLimit)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>The node built next to this test run: <c>src/Node/bin/&lt;configuration&gt;/net10.0/citadel.dll</c>.</summary>
    private static string NodeDll()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = baseDirectory.Name;
        var configuration = baseDirectory.Parent?.Name ?? "Debug";
        for (var dir = baseDirectory; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Node", "bin", configuration, framework, "citadel.dll");
                if (File.Exists(dll))
                {
                    return dll;
                }

                break;
            }
        }

        // The project reference also copies the node next to the tests.
        var local = Path.Combine(AppContext.BaseDirectory, "citadel.dll");
        return File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "citadel.runtimeconfig.json"))
            ? local
            : throw new FileNotFoundException("citadel.dll not found; build src/Node first");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
