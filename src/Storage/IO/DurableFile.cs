namespace Citadel.Storage.IO;

/// <summary>
/// Crash-safe file replacement: write to a temporary file, fsync it, rename over the target, fsync the directory.
/// After a crash either the old or the new content is there, never a mix.
/// </summary>
public static class DurableFile
{
    /// <summary>Writes <paramref name="path"/> atomically through <paramref name="write"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var tmp = path + ".tmp";
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            write(fs);
            fs.Flush(flushToDisk: true);
        }

        File.Move(tmp, path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Makes entries created, renamed or deleted in <paramref name="directory"/> durable.</summary>
    public static void SyncDirectory(string directory) => DirectorySync.Flush(directory);
}
