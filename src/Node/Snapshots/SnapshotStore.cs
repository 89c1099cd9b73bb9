using System.Globalization;
using System.Text;
using Citadel.Common.Errors;
using Citadel.Node.Configuration;
using Citadel.Storage.IO;

namespace Citadel.Node.Snapshots;

/// <summary>
/// Snapshot files on disk, in Qdrant's layout below <c>storage.snapshots_path</c>: <c>{collection}/*.snapshot</c>,
/// <c>{collection}/shards/{shard_id}/*.snapshot</c>, full snapshots at the top, each with a <c>.checksum</c> file
/// holding its SHA-256, and work files in <c>tmp/</c>. A snapshot appears under its name only once it is complete.
/// </summary>
internal sealed class SnapshotStore
{
    private readonly long _reserveBytes;

    public SnapshotStore(StorageSettings storage)
    {
        // Without a trailing separator, so that "Root + /" prefix checks hold for `snapshots_path: ./snapshots/` too.
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(storage.SnapshotsPath));
        _reserveBytes = storage.Snapshots.MinFreeDiskMb * 1024 * 1024;
        MaxUploadBytes = storage.Snapshots.MaxUploadSizeMb * 1024 * 1024;
    }

    /// <summary>The snapshots directory (absolute).</summary>
    public string Root { get; }

    /// <summary>Largest snapshot accepted from outside (upload or URL).</summary>
    public long MaxUploadBytes { get; }

    /// <summary>Free space that writing snapshot files must leave.</summary>
    public long ReserveBytes => _reserveBytes;

    /// <summary>Work files (snapshots being written).</summary>
    public string TempDirectory => Path.Combine(Root, "tmp");

    /// <summary>Uploads and downloads being received (Qdrant's <c>tmp/upload</c>).</summary>
    public string UploadDirectory => Path.Combine(Root, "tmp", "upload");

    /// <summary>Where the snapshots of a collection live (the name is a validated collection name).</summary>
    public string CollectionDirectory(string collection) => Path.Combine(Root, collection);

    /// <summary>Where the snapshots of one shard live.</summary>
    public string ShardDirectory(string collection, uint shardId) =>
        Path.Combine(Root, collection, "shards", shardId.ToString(CultureInfo.InvariantCulture));

    /// <summary>A fresh path in <see cref="UploadDirectory"/> for a file being received.</summary>
    public string NewUploadPath()
    {
        Directory.CreateDirectory(UploadDirectory);
        return Path.Combine(UploadDirectory, $"{Guid.NewGuid():N}.upload");
    }

    /// <summary>
    /// Deletes what interrupted creates, uploads and downloads left behind; only at start-up. Only work-file names are
    /// matched: <c>tmp</c> is also a valid collection name, whose snapshots live in the same directory.
    /// </summary>
    public void DeleteWorkFiles()
    {
        foreach (var (directory, pattern) in new[] { (TempDirectory, "*.partial"), (TempDirectory, "*.part"), (UploadDirectory, "*.upload") })
        {
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.EnumerateFiles(directory, pattern))
                {
                    File.Delete(file);
                }
            }
        }
    }

    /// <summary>The snapshots in <paramref name="directory"/>, oldest first.</summary>
    public IReadOnlyList<SnapshotInfo> List(string directory)
    {
        if (!Directory.Exists(Below(directory)))
        {
            return [];
        }

        return new DirectoryInfo(directory)
            .EnumerateFiles("*" + SnapshotNames.Extension, new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden })
            .Select(Describe)
            .OrderBy(s => s.CreationTime)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The path of snapshot <paramref name="name"/> in <paramref name="directory"/>; 404 unless it is a bare name of a regular file there.</summary>
    public string Resolve(string directory, string name)
    {
        SnapshotNames.Validate(name);
        var path = Path.Combine(Below(directory), name);
        var info = new FileInfo(path);
        if (!info.Exists || info.LinkTarget is not null)
        {
            throw SnapshotNames.NotFound(name);
        }

        return path;
    }

    /// <summary>Deletes a snapshot and its checksum file; 404 when there is none.</summary>
    public void Delete(string directory, string name)
    {
        var path = Resolve(directory, name);
        File.Delete(path + SnapshotNames.ChecksumExtension);
        File.Delete(path);
    }

    /// <summary>
    /// Writes a new snapshot named after <paramref name="prefix"/> through <paramref name="write"/>: into a work file
    /// first (hashed on the way), then moved into <paramref name="directory"/> under a free name, then its checksum
    /// file. Refuses with 507 when <paramref name="estimatedBytes"/> would not fit; a failure (disk full included)
    /// leaves no file behind.
    /// </summary>
    public async Task<SnapshotInfo> CreateAsync(string directory, string prefix, long estimatedBytes, Func<Stream, Task> write)
    {
        RequireRoom(estimatedBytes, "a snapshot");

        var work = Path.Combine(TempDirectory, $"{Guid.NewGuid():N}.partial");
        string? final = null;
        try
        {
            string checksum;
            await using (var file = new FileStream(work, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await using var hashing = new Sha256Stream(file, leaveOpen: true);
                await write(hashing);
                await hashing.FlushAsync();
                checksum = hashing.HexDigest();
                file.Flush(flushToDisk: true);
            }

            Directory.CreateDirectory(directory);
            final = Claim(work, directory, SnapshotNames.New(prefix, DateTime.UtcNow));
            DurableFile.Write(final + SnapshotNames.ChecksumExtension, s => s.Write(Encoding.ASCII.GetBytes(checksum)));
            return Describe(new FileInfo(final));
        }
        catch (IOException e)
        {
            if (final is not null)
            {
                // Both files are this call's own: the name was claimed by the move.
                File.Delete(final);
                File.Delete(final + SnapshotNames.ChecksumExtension);
            }

            throw WriteFailed("the snapshot", e);
        }
        finally
        {
            File.Delete(work);
        }
    }

    /// <summary>507 unless <paramref name="bytes"/> of snapshot data fit in the work directory above the reserve.</summary>
    public void RequireRoom(long bytes, string what)
    {
        if (bytes > DiskSpace.Writable(TempDirectory, _reserveBytes))
        {
            throw new CitadelException(ErrorKind.InsufficientStorage, $"not enough disk space to write {what} of about {bytes} bytes");
        }
    }

    /// <summary>The 507 for snapshot data that could not be written (the disk filled up, most likely).</summary>
    public static CitadelException WriteFailed(string what, IOException e) =>
        new(ErrorKind.InsufficientStorage, $"could not write {what}: {e.Message}", e);

    /// <summary>Every directory handed in is built from <see cref="Root"/>; this keeps it so should a caller ever slip.</summary>
    private string Below(string directory)
    {
        var full = Path.GetFullPath(directory);
        return full == Root || full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new InvalidOperationException($"{directory} is not below the snapshots directory");
    }

    private static SnapshotInfo Describe(FileInfo file)
    {
        var checksumFile = file.FullName + SnapshotNames.ChecksumExtension;
        var checksum = File.Exists(checksumFile) ? File.ReadAllText(checksumFile).Trim() : null;
        return new SnapshotInfo(file.Name, file.LastWriteTimeUtc, file.Length, checksum);
    }

    /// <summary>
    /// Moves the finished file to the first free name (<c>name</c>, then <c>stem-2</c>, …). The name is claimed by
    /// creating it exclusively (O_EXCL) before the move replaces it, so two creates in the same second cannot take the
    /// same one (a plain move without overwrite is not atomic on every platform).
    /// </summary>
    private static string Claim(string work, string directory, string name)
    {
        var stem = name[..^SnapshotNames.Extension.Length];
        for (var n = 1; ; n++)
        {
            var path = Path.Combine(directory, n == 1 ? name : $"{stem}-{n}{SnapshotNames.Extension}");
            try
            {
                new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose();
            }
            catch (IOException) when (File.Exists(path))
            {
                // Taken (by an older snapshot or a concurrent create): try the next name.
                continue;
            }

            try
            {
                File.Move(work, path, overwrite: true);
                return path;
            }
            catch (IOException)
            {
                File.Delete(path);
                throw;
            }
        }
    }
}
