using Citadel.Common.Errors;

namespace Citadel.Storage.Shards;

/// <summary>
/// Read-only access to a shard's own files for <c>qdrant.StorageRead</c>. Every path is relative to the shard
/// directory and must stay inside it: absolute paths, backslashes, NUL, empty, <c>.</c> and <c>..</c> segments are
/// refused before the file system is touched, the normalised result is checked to lie below the shard directory, and
/// no component may be a symbolic link (one could lead anywhere). Listings do not descend into links either.
/// </summary>
public sealed class ShardFileReader
{
    /// <summary>Largest read answered in one message; bigger reads must use the stream.</summary>
    public const int MaxReadBytes = 64 * 1024 * 1024;

    private readonly string _root;

    internal ShardFileReader(string root) => _root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);

    /// <summary>Files whose relative path starts with <paramref name="prefix"/>, with size and modification time.</summary>
    public IReadOnlyList<(string Path, long Size, DateTime LastModifiedUtc)> List(string prefix)
    {
        if (prefix.Length > 0)
        {
            CheckRelative(prefix.EndsWith('/') ? prefix[..^1] : prefix, prefix);
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return new DirectoryInfo(_root).EnumerateFiles("*", options)
            .Select(f => (Path: Relative(f.FullName), f.Length, f.LastWriteTimeUtc))
            .Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .Select(f => (f.Path, f.Length, f.LastWriteTimeUtc))
            .ToList();
    }

    /// <summary>True when <paramref name="path"/> names a regular file of the shard.</summary>
    public bool Exists(string path) => File.Exists(Resolve(path));

    /// <summary>Length of a file of the shard.</summary>
    public long Length(string path) => Existing(path).Length;

    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="offset"/> (at most <see cref="MaxReadBytes"/>).</summary>
    public byte[] Read(string path, ulong offset, ulong length)
    {
        if (length > MaxReadBytes)
        {
            throw CitadelException.BadRequest($"Cannot read more than {MaxReadBytes} bytes at once; use ReadBytesStream");
        }

        using var file = Open(path, offset, length);
        var buffer = new byte[length];
        file.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>Reads a whole file (at most <see cref="MaxReadBytes"/>).</summary>
    public byte[] ReadWhole(string path) => Read(path, 0, (ulong)Length(path));

    /// <summary>Opens a file positioned at <paramref name="offset"/>, checking that <paramref name="length"/> bytes follow.</summary>
    public FileStream Open(string path, ulong offset, ulong length)
    {
        var info = Existing(path);
        if (offset > (ulong)info.Length || length > (ulong)info.Length - offset)
        {
            throw CitadelException.BadRequest($"Range {offset}+{length} is outside `{path}` ({info.Length} bytes)");
        }

        var file = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        file.Position = (long)offset;
        return file;
    }

    private FileInfo Existing(string path)
    {
        var info = new FileInfo(Resolve(path));
        return info.Exists ? info : throw CitadelException.NotFound($"File `{path}` not found in the shard");
    }

    /// <summary>The absolute path of a checked relative path.</summary>
    private string Resolve(string path)
    {
        CheckRelative(path, path);
        var full = Path.GetFullPath(Path.Combine(_root, path));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw Refused(path);
        }

        for (var p = full; p.Length > _root.Length; p = Path.GetDirectoryName(p)!)
        {
            if (new FileInfo(p).LinkTarget is not null)
            {
                throw Refused(path);
            }
        }

        return full;
    }

    private static void CheckRelative(string path, string original)
    {
        if (path.Length == 0 || path.Length > 4096 || Path.IsPathRooted(path) || path.IndexOfAny(['\\', '\0']) >= 0 || path.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw Refused(original);
        }
    }

    private string Relative(string full) => full[(_root.Length + 1)..].Replace(Path.DirectorySeparatorChar, '/');

    private static CitadelException Refused(string path) =>
        CitadelException.BadInput($"Path `{new string(path.Take(200).Select(c => char.IsControl(c) ? '?' : c).ToArray())}` is not a file inside the shard directory");
}
