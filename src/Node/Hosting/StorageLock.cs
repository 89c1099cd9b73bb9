namespace Citadel.Node.Hosting;

/// <summary>
/// An exclusive lock file in the storage directory: two nodes writing the same WALs would corrupt each other,
/// so the second one refuses to start.
/// </summary>
internal sealed class StorageLock : IDisposable
{
    private readonly FileStream _file;

    private StorageLock(FileStream file) => _file = file;

    public static StorageLock Acquire(string storagePath)
    {
        var path = Path.Combine(storagePath, ".lock");
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix.
            return new StorageLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new Configuration.ConfigurationException($"Storage directory {storagePath} is in use by another Citadel process ({e.Message})", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
