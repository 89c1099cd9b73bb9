using System.Formats.Tar;

namespace Citadel.Storage.Snapshots;

/// <summary>
/// Unpacks a snapshot archive into an empty directory, treating the archive as hostile: the whole archive is checked
/// (descriptor, entry types, names, sizes) before a single file is written, only regular files and directories are
/// accepted, no entry may leave the target directory, and the unpacked size is bounded. Every failure is a 400
/// (<see cref="SnapshotDescriptor.Invalid"/>), never a server error.
/// </summary>
public static class SnapshotArchiveReader
{
    /// <summary>Most entries one archive may hold (a shard has a few files per segment).</summary>
    public const int MaxEntries = 1_000_000;

    /// <summary>Longest entry path accepted.</summary>
    private const int MaxPathLength = 1024;

    /// <summary>
    /// Checks <paramref name="archive"/> and unpacks it into <paramref name="target"/> (created, must not exist).
    /// Refuses archives of another kind than <paramref name="expected"/> and archives that would unpack to more than
    /// <paramref name="maxUnpackedBytes"/>. Returns the descriptor.
    /// </summary>
    public static SnapshotDescriptor Extract(string archive, string target, SnapshotKind expected, long maxUnpackedBytes)
    {
        using var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var (descriptor, total) = Inspect(file);
        if (descriptor.Kind != expected)
        {
            throw SnapshotDescriptor.Invalid($"it is a {descriptor.Kind.ToString().ToLowerInvariant()} snapshot, not a {expected.ToString().ToLowerInvariant()} snapshot");
        }

        if (total > maxUnpackedBytes)
        {
            throw Common.Errors.CitadelException.BadRequest($"Not enough disk space to unpack the snapshot: it needs {total} bytes, {maxUnpackedBytes} are available");
        }

        file.Position = 0;
        Unpack(file, target);
        return descriptor;
    }

    /// <summary>First pass: validates every header and sums the sizes, reading only the descriptor's data.</summary>
    private static (SnapshotDescriptor Descriptor, long Total) Inspect(Stream file)
    {
        SnapshotDescriptor? descriptor = null;
        var names = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        var count = 0;
        try
        {
            using var reader = new TarReader(file, leaveOpen: true);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                if (++count > MaxEntries)
                {
                    throw SnapshotDescriptor.Invalid($"more than {MaxEntries} entries");
                }

                if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
                {
                    // Archive-wide pax metadata written by some tar tools; it names no file.
                    continue;
                }

                var path = CheckedPath(entry);
                if (!names.Add(path))
                {
                    throw SnapshotDescriptor.Invalid($"entry `{path}` appears twice");
                }

                if (entry.Length < 0 || entry.Length > long.MaxValue - total)
                {
                    throw SnapshotDescriptor.Invalid($"entry `{path}` has an impossible size");
                }

                total += entry.Length;
                descriptor ??= ReadDescriptor(entry, path);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException or OverflowException)
        {
            // TarReader's verdicts on malformed headers, checksums and truncated data.
            throw SnapshotDescriptor.Invalid($"not a readable tar archive ({e.Message})");
        }

        return (descriptor ?? throw SnapshotDescriptor.Invalid("the archive is empty"), total);
    }

    private static SnapshotDescriptor ReadDescriptor(TarEntry entry, string path)
    {
        if (path != SnapshotDescriptor.FileName || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
        {
            throw SnapshotDescriptor.Invalid($"the first entry must be {SnapshotDescriptor.FileName}");
        }

        if (entry.Length > SnapshotDescriptor.MaxBytes || entry.DataStream is null)
        {
            throw SnapshotDescriptor.Invalid("its descriptor is too large");
        }

        var bytes = new byte[entry.Length];
        entry.DataStream.ReadExactly(bytes);
        return SnapshotDescriptor.Parse(bytes);
    }

    /// <summary>Second pass: writes directories and files; names were checked by <see cref="Inspect"/>.</summary>
    private static void Unpack(Stream file, string target)
    {
        var root = Path.GetFullPath(target);
        Directory.CreateDirectory(root);
        try
        {
            using var reader = new TarReader(file, leaveOpen: true);
            var first = true;
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }

                var path = CheckedPath(entry);
                if (first)
                {
                    // The descriptor describes the archive; it is not part of what is restored.
                    first = false;
                    continue;
                }

                var destination = Confine(root, path);
                if (entry.EntryType == TarEntryType.Directory)
                {
                    Directory.CreateDirectory(destination);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                entry.DataStream?.CopyTo(output);
                output.Flush(flushToDisk: true);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException or OverflowException)
        {
            throw SnapshotDescriptor.Invalid($"not a readable tar archive ({e.Message})");
        }
        catch (IOException e)
        {
            // A file where a directory must go (`a`, then `a/b`) or the disk filling up after the size check.
            throw SnapshotDescriptor.Invalid($"it could not be unpacked ({e.Message})");
        }
    }

    /// <summary>The entry's relative path if its type and name are acceptable; throws otherwise.</summary>
    private static string CheckedPath(TarEntry entry)
    {
        var name = entry.Name;
        if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.Directory))
        {
            throw SnapshotDescriptor.Invalid($"entry `{Printable(name)}` is a {entry.EntryType}; only regular files and directories are allowed");
        }

        if (entry.EntryType == TarEntryType.Directory && name.EndsWith('/'))
        {
            name = name[..^1];
        }

        if (name.Length == 0 || name.Length > MaxPathLength || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw SnapshotDescriptor.Invalid($"entry `{Printable(name)}` has a forbidden path");
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                throw SnapshotDescriptor.Invalid($"entry `{Printable(name)}` has a forbidden path");
            }
        }

        return name;
    }

    /// <summary>The absolute destination of a checked relative path, verified once more to lie below the root.</summary>
    private static string Confine(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw SnapshotDescriptor.Invalid($"entry `{Printable(relative)}` escapes the snapshot");
    }

    private static string Printable(string name) =>
        new(name.Take(200).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
