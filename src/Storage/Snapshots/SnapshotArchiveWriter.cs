using System.Formats.Tar;

namespace Citadel.Storage.Snapshots;

/// <summary>
/// Writes a snapshot archive: a POSIX (pax) tar whose first entry is the <see cref="SnapshotDescriptor"/>, followed by
/// regular files only. Works on non-seekable outputs (an HTTP response), because every entry's length is known.
/// </summary>
public static class SnapshotArchiveWriter
{
    /// <summary>Writes the descriptor and <paramref name="entries"/> to <paramref name="output"/> (left open).</summary>
    public static async Task WriteAsync(Stream output, SnapshotDescriptor descriptor, IReadOnlyList<SnapshotEntry> entries, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var modified = new DateTimeOffset(descriptor.CreatedAt, TimeSpan.Zero);
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        using (var header = SnapshotEntry.FromBytes(SnapshotDescriptor.FileName, descriptor.ToJson()))
        {
            await tar.WriteEntryAsync(Entry(header, modified), cancellationToken);
        }

        long written = 0;
        foreach (var entry in entries)
        {
            entry.Content.Position = 0;
            await tar.WriteEntryAsync(Entry(entry, modified), cancellationToken);
            written += entry.Length;
            progress?.Report(written);
        }
    }

    private static PaxTarEntry Entry(SnapshotEntry entry, DateTimeOffset modified) => new(TarEntryType.RegularFile, entry.Path)
    {
        DataStream = entry.Content,
        ModificationTime = modified,
        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
    };
}
