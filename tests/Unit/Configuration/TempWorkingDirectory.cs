namespace Citadel.Tests.Unit.Configuration;

/// <summary>A throw-away working directory, so each test controls exactly which config files exist.</summary>
public sealed class TempWorkingDirectory : IDisposable
{
    public TempWorkingDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "citadel-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes a file relative to the directory, creating folders as needed; returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
