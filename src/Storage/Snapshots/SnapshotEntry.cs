namespace Citadel.Storage.Snapshots;

/// <summary>
/// One file of a snapshot: its path inside the archive (always <c>/</c>-separated) and its content. Content streams of
/// shard files are handles opened at the checkpoint, so the archive holds that checkpoint even when later checkpoints
/// replace or delete the files meanwhile.
/// </summary>
public sealed class SnapshotEntry(string path, Stream content) : IDisposable
{
    /// <summary>Path inside the archive.</summary>
    public string Path { get; } = path;

    /// <summary>Seekable content, read from its start.</summary>
    public Stream Content { get; } = content;

    /// <summary>Total length in bytes.</summary>
    public long Length => Content.Length;

    /// <summary>An entry over bytes held in memory (configuration files).</summary>
    public static SnapshotEntry FromBytes(string path, byte[] bytes) => new(path, new MemoryStream(bytes, writable: false));

    /// <summary>An entry over a file opened now for reading; the open handle survives the file being deleted or replaced.</summary>
    public static SnapshotEntry OpenFile(string path, string file) =>
        new(path, new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16));

    /// <summary>Disposes every entry, ignoring none: used when a capture fails half-way.</summary>
    public static void DisposeAll(IEnumerable<SnapshotEntry> entries)
    {
        foreach (var e in entries)
        {
            e.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose() => Content.Dispose();
}
