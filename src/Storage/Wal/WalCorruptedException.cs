namespace Citadel.Storage.Wal;

/// <summary>
/// A segment that was already closed (and therefore fsynced) is damaged. Unlike a torn tail of the active
/// segment this cannot come from a crash, so it is reported instead of silently dropping acknowledged records.
/// </summary>
public sealed class WalCorruptedException : IOException
{
    /// <summary>Creates the error for <paramref name="filePath"/> at byte <paramref name="offset"/>.</summary>
    public WalCorruptedException(string filePath, long offset, string reason)
        : base($"WAL segment '{filePath}' is corrupt at byte offset {offset}: {reason}")
    {
        FilePath = filePath;
        Offset = offset;
    }

    /// <summary>The damaged segment file.</summary>
    public string FilePath { get; }

    /// <summary>Byte offset of the first record that could not be read.</summary>
    public long Offset { get; }
}
