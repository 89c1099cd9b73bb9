using System.Diagnostics;
using System.Text.RegularExpressions;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Security;

/// <summary>
/// Runs the examples of docs/security.md as written: the YAML becomes the node's <c>config/local.yaml</c>, the shell
/// block runs with bash (curl), the JS block with the official client. Only the port is substituted.
/// </summary>
public sealed partial class SecurityDocExamplesTests : IDisposable
{
    private readonly TempDirectory _dir = new("security-doc");

    [Fact]
    public async Task TheDocumentedLockedDownNode_BehavesAsDocumented()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(RepoPaths.RepositoryRoot, "docs", "security.md"));
        var config = Block(doc, "config");
        var shell = Block(doc, "shell");
        var js = Block(doc, "js");

        var nodeDir = Path.Combine(_dir.Path, "node");
        using var certs = TestCertificates.Create(Path.Combine(nodeDir, "tls"));
        var (cert, key, _) = certs.WriteServer("server", "localhost");
        File.Move(cert, Path.Combine(certs.Directory, "cert.pem"));
        File.Move(key, Path.Combine(certs.Directory, "key.pem"));
        Directory.CreateDirectory(Path.Combine(nodeDir, "config"));
        await File.WriteAllTextAsync(Path.Combine(nodeDir, "config", "local.yaml"), config);

        await using var node = await NodeProcess.StartAsync(nodeDir, new Dictionary<string, string> { ["QDRANT__SERVICE__ENABLE_TLS"] = "true" });
        var port = node.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (code, output) = await RunAsync("bash", ["-euo", "pipefail", "-c", shell.Replace("localhost:6333", $"localhost:{port}", StringComparison.Ordinal)], nodeDir);
        Assert.True(code == 0, $"shell example failed ({code}):\n{output}\n{node.LogTail()}");

        var script = Path.Combine(RepoPaths.JsDirectory, $".doc-example-{Guid.NewGuid():N}.mjs");
        await File.WriteAllTextAsync(script, js.Replace("localhost:6333", $"localhost:{port}", StringComparison.Ordinal));
        try
        {
            var result = await JsRunner.RunAsync(Path.GetFileName(script), [], node, environment: new Dictionary<string, string> { ["NODE_EXTRA_CA_CERTS"] = certs.CaPath });
            Assert.Contains("[ 'docs' ]", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("refused as expected: 403", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }

    public void Dispose() => _dir.Dispose();

    private static string Block(string doc, string name)
    {
        var match = BlockPattern().Matches(doc).FirstOrDefault(m => m.Groups["name"].Value == name);
        Assert.True(match is not null, $"docs/security.md has no `<!-- test: {name} -->` block");
        return match.Groups["body"].Value;
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args, string workingDirectory)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"<!-- test: (?<name>\w+) -->\s*```\w+\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BlockPattern();
}
