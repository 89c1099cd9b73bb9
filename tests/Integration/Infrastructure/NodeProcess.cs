using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Citadel.Tests.Integration.Infrastructure;

/// <summary>
/// A real Citadel node in its own process: <c>dotnet citadel.dll</c> in a working directory (storage is
/// <c>./storage</c>), on free loopback ports, with stdout and stderr appended to <c>citadel-node.log</c> in that
/// directory. <see cref="StartAsync"/> returns once <c>GET /readyz</c> answers 200.
/// </summary>
public sealed partial class NodeProcess : IAsyncDisposable
{
    public const string HttpPortVariable = "QDRANT__SERVICE__HTTP_PORT";
    public const string GrpcPortVariable = "QDRANT__SERVICE__GRPC_PORT";
    public const string LogFileName = "citadel-node.log";

    private const int MaxStartAttempts = 5;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly HashSet<int> HandedOutPorts = [];
    private static readonly HashSet<Process> Running = [];

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly StringBuilder _output = new();
    private readonly object _logGate = new();
    private readonly bool _ownsDirectory;
    private bool _disposed;

    static NodeProcess()
    {
        // A test run that ends without disposing a node (a crash, a cancelled run) must not leave it listening.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (Running)
            {
                foreach (var process in Running)
                {
                    try
                    {
                        process.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                        // Already gone.
                    }
                }
            }
        };
    }

    private NodeProcess(Process process, StreamWriter log, string workingDirectory, int httpPort, int grpcPort, bool ownsDirectory)
    {
        _process = process;
        _log = log;
        WorkingDirectory = workingDirectory;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
        _ownsDirectory = ownsDirectory;
        BaseUri = new Uri($"http://127.0.0.1:{httpPort}/");
    }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    public string WorkingDirectory { get; }

    /// <summary>The REST root, <c>http://127.0.0.1:&lt;HttpPort&gt;/</c>.</summary>
    public Uri BaseUri { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string LogPath => Path.Combine(WorkingDirectory, LogFileName);

    /// <summary>
    /// Starts a node in <paramref name="workingDirectory"/> (a new temp directory when null, deleted on dispose; an
    /// existing one is kept, so a node can be restarted on the same storage). Ports come from
    /// <paramref name="env"/> when it sets them, otherwise free loopback ports are picked, and picked again when the
    /// node could not bind them. Fails with the node's log when the node exits or is not ready in time.
    /// </summary>
    public static async Task<NodeProcess> StartAsync(string? workingDirectory = null, IDictionary<string, string>? env = null)
    {
        var ownsDirectory = workingDirectory is null;
        var directory = Path.GetFullPath(workingDirectory ?? TempDirectory.CreatePath("node"));
        Directory.CreateDirectory(directory);
        var fixedHttp = FixedPort(env, HttpPortVariable);
        var fixedGrpc = FixedPort(env, GrpcPortVariable);

        for (var attempt = 1; ; attempt++)
        {
            var httpPort = fixedHttp ?? PickFreePort();
            var grpcPort = fixedGrpc ?? PickFreePort();
            var node = Launch(directory, httpPort, grpcPort, env, ownsDirectory);
            var tls = env is not null && env.TryGetValue("QDRANT__SERVICE__ENABLE_TLS", out var on) && on == "true";
            var (ready, reason) = tls ? await node.WaitUntilListeningAsync() : await node.WaitUntilReadyAsync();
            if (ready)
            {
                return node;
            }

            await node.KillAndReleaseAsync(deleteDirectory: false);
            var output = node.Output;
            var clash = BindFailure().Match(output);
            var clashOnPickedPort = clash.Success
                && int.Parse(clash.Groups[1].Value, CultureInfo.InvariantCulture) is var taken
                && taken != fixedHttp && taken != fixedGrpc;
            if (clashOnPickedPort && attempt < MaxStartAttempts)
            {
                // Another process took a port between picking and binding it: pick again.
                continue;
            }

            if (ownsDirectory)
            {
                TempDirectory.DeleteQuietly(directory);
            }

            throw new InvalidOperationException(
                $"Citadel node (REST {httpPort}, gRPC {grpcPort}, attempt {attempt}) did not become ready: {reason}.{Environment.NewLine}" +
                $"Node output (also in {Path.Combine(directory, LogFileName)}):{Environment.NewLine}{Tail(output)}");
        }
    }

    /// <summary>What this process printed (the log file also holds earlier starts in the same directory).</summary>
    public string Output
    {
        get
        {
            lock (_logGate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>SIGKILL: the node gets no chance to flush or checkpoint anything.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        if (!_process.WaitForExit(30_000))
        {
            throw new InvalidOperationException($"node {Pid} did not die after SIGKILL");
        }

        _process.WaitForExit();
    }

    /// <summary>SIGTERM and wait for a graceful exit; returns the exit code. Kills and fails when it takes too long.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
                ?? throw new InvalidOperationException("could not run `kill`");
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
                throw new TimeoutException($"node {Pid} did not stop within {StopTimeout.TotalSeconds} s of SIGTERM.{Environment.NewLine}{Tail(ReadLog())}");
            }
        }

        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    /// <summary>Everything the node printed so far (all starts in this working directory).</summary>
    public string ReadLog()
    {
        lock (_logGate)
        {
            try
            {
                _log.Flush();
            }
            catch (ObjectDisposedException)
            {
                // Released already: the file holds everything.
            }
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The end of the node log, for failure messages.</summary>
    public string LogTail() => Tail(ReadLog());

    /// <summary>Peak resident memory of the node (VmHWM), in bytes.</summary>
    public long PeakResidentBytes() => ReadStatusKilobytes("VmHWM:") * 1024;

    /// <summary>Current resident memory of the node (VmRSS), in bytes.</summary>
    public long ResidentBytes() => ReadStatusKilobytes("VmRSS:") * 1024;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await KillAndReleaseAsync(deleteDirectory: _ownsDirectory);
    }

    private static NodeProcess Launch(string directory, int httpPort, int grpcPort, IDictionary<string, string>? env, bool ownsDirectory)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        info.ArgumentList.Add(RepoPaths.NodeDll);

        // The node reads QDRANT__* overrides; only the ones given here apply, never the test runner's own.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("QDRANT__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        if (env is not null)
        {
            foreach (var (key, value) in env)
            {
                info.Environment[key] = value;
            }
        }

        info.Environment[HttpPortVariable] = httpPort.ToString(CultureInfo.InvariantCulture);
        info.Environment[GrpcPortVariable] = grpcPort.ToString(CultureInfo.InvariantCulture);

        var logStream = new FileStream(Path.Combine(directory, LogFileName), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        var log = new StreamWriter(logStream, new UTF8Encoding(false)) { AutoFlush = true };
        log.WriteLine($"===== {DateTimeOffset.UtcNow:O} starting {RepoPaths.NodeDll} (REST {httpPort}, gRPC {grpcPort})");

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new NodeProcess(process, log, directory, httpPort, grpcPort, ownsDirectory);
        process.OutputDataReceived += (_, e) => node.Append(e.Data, null);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data, "[stderr] ");
        if (!process.Start())
        {
            throw new InvalidOperationException("could not start `dotnet`");
        }

        lock (Running)
        {
            Running.Add(process);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        node.Append($"===== pid {process.Id}", null);
        return node;
    }

    private void Append(string? line, string? prefix)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            _output.AppendLine(prefix is null ? line : prefix + line);
            try
            {
                _log.WriteLine(prefix is null ? line : prefix + line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after the node was released has nowhere to go.
            }
        }
    }

    /// <summary>
    /// For TLS nodes (which may demand client certificates) readiness is the node's own "listening" log line.
    /// </summary>
    private async Task<(bool Ready, string Reason)> WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                return (false, $"the node exited with code {_process.ExitCode} before it was ready");
            }

            if (Output.Contains(" listening on ", StringComparison.Ordinal))
            {
                return (true, "listening");
            }

            await Task.Delay(100);
        }

        return (false, $"no listening line after {ReadyTimeout.TotalSeconds} s");
    }

    private async Task<(bool Ready, string Reason)> WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var last = "no answer yet";
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                return (false, $"the node exited with code {_process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (true, "ready");
                }

                last = $"GET /readyz answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException)
            {
                last = "GET /readyz timed out";
            }

            await Task.Delay(100);
        }

        return (false, $"not ready after {ReadyTimeout.TotalSeconds} s ({last})");
    }

    private async Task KillAndReleaseAsync(bool deleteDirectory)
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        catch (OperationCanceledException)
        {
            // Leave it; the directory is then kept too.
            deleteDirectory = false;
        }

        lock (_logGate)
        {
            _log.Dispose();
        }

        lock (Running)
        {
            Running.Remove(_process);
        }

        _process.Dispose();
        if (deleteDirectory)
        {
            TempDirectory.DeleteQuietly(WorkingDirectory);
        }
    }

    private long ReadStatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var digits = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(digits, CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{field} not found in /proc/{Pid}/status");
    }

    private static int? FixedPort(IDictionary<string, string>? env, string name) =>
        env is not null && env.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    /// <summary>A loopback port that is free now and was not handed out before by this test run.</summary>
    public static int PickFreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (HandedOutPorts)
            {
                if (HandedOutPorts.Add(port))
                {
                    return port;
                }
            }
        }
    }

    [GeneratedRegex(@"Failed to bind to address http://[^\s]*:(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex BindFailure();

    private static string Tail(string log, int maxChars = 20_000) =>
        log.Length <= maxChars ? log : "…" + log[^maxChars..];
}
