using System.Diagnostics;
using System.Text;

namespace Citadel.Tests.Integration.Infrastructure;

/// <summary>What a JS scenario printed and how it ended.</summary>
public sealed record JsResult(string Script, IReadOnlyList<string> Arguments, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    public string Describe() =>
        $"node {Script} {string.Join(' ', Arguments)} exited with code {ExitCode}{Environment.NewLine}" +
        $"--- stdout ---{Environment.NewLine}{Stdout}{Environment.NewLine}--- stderr ---{Environment.NewLine}{Stderr}";
}

/// <summary>A JS scenario running in the background (the durability writer runs while the test kills the node).</summary>
public sealed class JsProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    internal JsProcess(string script, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        Script = script;
        Arguments = arguments;
        var info = new ProcessStartInfo(JsRunner.NodeExecutable)
        {
            WorkingDirectory = RepoPaths.JsDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        info.ArgumentList.Add(script);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        if (!_process.Start())
        {
            throw new InvalidOperationException($"could not start {JsRunner.NodeExecutable}");
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Script { get; }

    public IReadOnlyList<string> Arguments { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the script to end; kills it and fails the test with its output after <paramref name="timeout"/>.</summary>
    public async Task<JsResult> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            Assert.Fail($"node {Script} did not finish within {timeout.TotalSeconds} s and was killed.{Environment.NewLine}{Snapshot(-1).Describe()}");
        }

        await _process.WaitForExitAsync();
        return Snapshot(_process.ExitCode);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private JsResult Snapshot(int exitCode)
    {
        lock (_stdout)
        {
            lock (_stderr)
            {
                return new JsResult(Script, Arguments, exitCode, _stdout.ToString(), _stderr.ToString());
            }
        }
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (sb)
        {
            sb.AppendLine(line);
        }
    }
}

/// <summary>
/// Runs the scenario scripts in <c>tests/js</c> with <c>node</c> (or <c>$NODE</c>). A script proves its checks by exiting
/// 0; any other exit fails the test with everything the script printed, plus the node log when a node is given.
/// </summary>
public static class JsRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public static string NodeExecutable => Environment.GetEnvironmentVariable("NODE") is { Length: > 0 } node ? node : "node";

    /// <summary>Runs a script to its end and returns what it printed; fails the test when it exits non-zero.</summary>
    public static async Task<JsResult> RunAsync(string script, IEnumerable<string> arguments, NodeProcess? node = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(script, arguments, environment);
        var result = await process.WaitAsync(timeout ?? DefaultTimeout);
        EnsureSucceeded(result, node);
        return result;
    }

    /// <summary>Starts a script in the background.</summary>
    public static JsProcess Start(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var modules = Path.Combine(RepoPaths.JsDirectory, "node_modules", "@qdrant");
        if (!Directory.Exists(modules))
        {
            Assert.Fail($"The official Qdrant JS clients are not installed: run `npm ci` in {RepoPaths.JsDirectory}.");
        }

        return new JsProcess(script, arguments.ToList(), environment);
    }

    /// <summary>Fails the test with the script's output (and the node log) unless it exited 0.</summary>
    public static void EnsureSucceeded(JsResult result, NodeProcess? node = null)
    {
        if (result.Succeeded)
        {
            return;
        }

        var message = new StringBuilder(result.Describe());
        if (node is not null)
        {
            message.AppendLine().AppendLine($"--- node log ({node.LogPath}) ---").Append(SafeLogTail(node));
        }

        Assert.Fail(message.ToString());
    }

    private static string SafeLogTail(NodeProcess node)
    {
        try
        {
            return node.LogTail();
        }
        catch (IOException e)
        {
            return $"(log unreadable: {e.Message})";
        }
    }
}
