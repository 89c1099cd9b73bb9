namespace Citadel.Tests.Integration.Infrastructure;

/// <summary>
/// A throw-away directory under the system temp folder, deleted on dispose unless <c>CITADEL_KEEP_TEST_DIRS</c> is
/// set (to look at a node's storage and log after a failure).
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string purpose)
    {
        Path = CreatePath(purpose);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A fresh, not yet existing path for <paramref name="purpose"/>.</summary>
    public static string CreatePath(string purpose) =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"citadel-itest-{purpose}-{Guid.NewGuid():N}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => DeleteQuietly(Path);

    internal static void DeleteQuietly(string path)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CITADEL_KEEP_TEST_DIRS")))
        {
            return;
        }

        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
