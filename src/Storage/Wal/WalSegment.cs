using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Citadel.Storage.Wal;

/// <summary>
/// One segment file, <c>wal-{firstIndex:D20}.log</c>, holding consecutive records starting at its first index.
/// Only the active (last) segment has an open write handle.
/// </summary>
internal sealed class WalSegment
{
    private const string Prefix = "wal-";
    private const string Suffix = ".log";
    private const int Digits = 20;

    private SafeFileHandle? _handle;

    public WalSegment(string path, ulong firstIndex, long length, SafeFileHandle? handle)
    {
        Path = path;
        FirstIndex = firstIndex;
        Length = length;
        _handle = handle;
    }

    /// <summary>Glob matching segment files (further checked by <see cref="TryParseFileName"/>).</summary>
    public const string SearchPattern = Prefix + "*" + Suffix;

    public string Path { get; }

    public ulong FirstIndex { get; }

    /// <summary>Bytes of valid records; for the active segment also the offset of the next append.</summary>
    /// <remarks>Written only by the appender (callers serialise Append); others read it under the log's lock.</remarks>
    public long Length { get; set; }

    /// <summary>The write handle; only the active segment has one.</summary>
    public SafeFileHandle Handle => _handle ?? throw new InvalidOperationException($"WalSegment '{Path}' is closed.");

    /// <summary>The file name of the segment whose first record is <paramref name="firstIndex"/>.</summary>
    public static string FileName(ulong firstIndex) =>
        Prefix + firstIndex.ToString("D" + Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + Suffix;

    /// <summary>Parses a segment file name; false for anything else that happens to live in the directory.</summary>
    public static bool TryParseFileName(string fileName, out ulong firstIndex)
    {
        firstIndex = 0;
        if (fileName.Length != Prefix.Length + Digits + Suffix.Length
            || !fileName.StartsWith(Prefix, StringComparison.Ordinal)
            || !fileName.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        return ulong.TryParse(
            fileName.AsSpan(Prefix.Length, Digits), NumberStyles.None, CultureInfo.InvariantCulture, out firstIndex);
    }

    /// <summary>WalSegment files in <paramref name="directory"/>, ordered by first index.</summary>
    public static List<(string Path, ulong FirstIndex)> List(string directory)
    {
        var found = new List<(string Path, ulong FirstIndex)>();
        foreach (var path in Directory.EnumerateFiles(directory, SearchPattern))
        {
            if (TryParseFileName(System.IO.Path.GetFileName(path), out var first))
            {
                found.Add((path, first));
            }
        }

        found.Sort((a, b) => a.FirstIndex.CompareTo(b.FirstIndex));
        return found;
    }

    /// <summary>Creates the file for a new segment (failing if it exists) and opens it for appending.</summary>
    public static WalSegment Create(string directory, ulong firstIndex)
    {
        var path = System.IO.Path.Combine(directory, FileName(firstIndex));
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        return new WalSegment(path, firstIndex, 0, handle);
    }

    /// <summary>Opens an existing segment for appending at <see cref="Length"/>.</summary>
    public void OpenForAppend() =>
        _handle ??= File.OpenHandle(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);

    /// <summary>Closes the write handle, turning this into a closed segment.</summary>
    public void Close()
    {
        _handle?.Dispose();
        _handle = null;
    }
}
