using Citadel.Storage.IO;

namespace Citadel.Storage.Wal;

/// <summary>
/// Brings a log directory back to a consistent state on open: validates every segment, cuts a torn tail off the
/// last one, and leaves the last segment open for appending.
/// </summary>
internal static class WalRecovery
{
    /// <summary>Segments in order (the last one open for appending) and the index of the last valid record.</summary>
    public readonly record struct Result(List<WalSegment> Segments, ulong LastIndex);

    public static Result Recover(string directory, ulong nextIndexAtLeast)
    {
        var files = WalSegment.List(directory);
        var segments = new List<WalSegment>(files.Count);
        ulong lastIndex = 0;
        var lastFileLength = 0L;

        for (var i = 0; i < files.Count; i++)
        {
            var (path, first) = files[i];
            var isLast = i == files.Count - 1;

            // Segments are rolled at consecutive indexes and truncation deletes oldest first, one durable step at
            // a time, so a gap between files is never the result of a crash.
            if (i > 0 && first != lastIndex + 1)
            {
                throw new WalCorruptedException(
                    path, 0, $"segment starts at index {first} but the previous segment ends at index {lastIndex}");
            }

            using var reader = new SegmentReader(path, first);
            while (reader.TryRead(PayloadMode.Verify, out _))
            {
            }

            // A closed segment was fsynced in full before the next one was created, so any defect in it is real
            // damage; only the last segment can legitimately end in a half-written record.
            if (reader.Problem is not null && !isLast)
            {
                throw new WalCorruptedException(path, reader.Offset, reader.Problem);
            }

            lastIndex = reader.NextIndex - 1;
            lastFileLength = reader.FileLength;
            segments.Add(new WalSegment(path, first, reader.Offset, handle: null));
        }

        if (segments.Count == 0 || lastIndex + 1 < nextIndexAtLeast)
        {
            // Nothing here, or everything here is older than the caller's checkpoint: start a fresh segment at the
            // checkpoint so indexes stay above it. The old files are redundant, and a gap before the new segment
            // would read as corruption on the next open, so they go first (oldest first, each deletion durable).
            foreach (var segment in segments)
            {
                DirectorySync.DeleteFile(directory, segment.Path);
            }

            var fresh = WalSegment.Create(directory, Math.Max(nextIndexAtLeast, lastIndex + 1));
            try
            {
                DirectorySync.Flush(directory);
            }
            catch
            {
                fresh.Close();
                throw;
            }

            return new Result([fresh], fresh.FirstIndex - 1);
        }

        var active = segments[^1];
        active.OpenForAppend();
        try
        {
            if (active.Length < lastFileLength)
            {
                // Drop the torn tail so the next append lands right after the last valid record.
                RandomAccess.SetLength(active.Handle, active.Length);
            }

            // Records that reached the OS before a process crash are not necessarily on disk yet; syncing now lets
            // the log start with DurableIndex == LastIndex.
            RandomAccess.FlushToDisk(active.Handle);
        }
        catch
        {
            active.Close();
            throw;
        }

        return new Result(segments, lastIndex);
    }
}
