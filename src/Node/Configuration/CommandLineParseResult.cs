using System.Diagnostics.CodeAnalysis;

namespace Citadel.Node.Configuration;

/// <summary>Either options to start with, or an exit code and the text to print (help, version or an error).</summary>
public sealed class CommandLineParseResult
{
    private CommandLineParseResult(CommandLineOptions? options, int exitCode, string? message, bool isError)
    {
        Options = options;
        ExitCode = exitCode;
        Message = message;
        IsError = isError;
    }

    /// <summary>The options when the node should start; null when it should exit.</summary>
    public CommandLineOptions? Options { get; }

    /// <summary>True when the process should print <see cref="Message"/> and exit with <see cref="ExitCode"/>.</summary>
    [MemberNotNullWhen(false, nameof(Options))]
    public bool ShouldExit => Options is null;

    /// <summary>0 for help and version, 2 for usage errors (clap's code, which scripts written for Qdrant expect).</summary>
    public int ExitCode { get; }

    /// <summary>Text to print: to stdout for help/version, to stderr when <see cref="IsError"/>.</summary>
    public string? Message { get; }

    /// <summary>True when the command line was wrong.</summary>
    public bool IsError { get; }

    internal static CommandLineParseResult Start(CommandLineOptions options) => new(options, 0, null, false);

    internal static CommandLineParseResult Print(string text) => new(null, 0, text, false);

    internal static CommandLineParseResult Fail(string error) =>
        new(null, 2, $"error: {error}\n\nFor more information, try '--help'.", true);
}
