using Citadel.Node.Configuration;
using Citadel.Node.Hosting;

namespace Citadel.Node;

/// <summary>The <c>citadel</c> executable: parse the command line, load Qdrant-style configuration, run the node.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var environment = ProcessEnvironment.Capture();
        var parsed = CommandLineParser.Parse(args, environment);
        if (parsed.ShouldExit)
        {
            await (parsed.IsError ? Console.Error : Console.Out).WriteLineAsync(parsed.Message);
            return parsed.ExitCode;
        }

        if (parsed.Options.Stacktrace)
        {
            await Console.Out.WriteLineAsync("--stacktrace: stack-trace collection is not supported by Citadel; use `dotnet-stack` against the running process.");
            return 0;
        }

        LoadedSettings loaded;
        try
        {
            loaded = SettingsLoader.Load(parsed.Options, environment, Directory.GetCurrentDirectory());
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }

        using var logging = NodeLogging.Create(loaded.Settings);
        try
        {
            return await NodeHost.RunAsync(loaded, parsed.Options, logging);
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
