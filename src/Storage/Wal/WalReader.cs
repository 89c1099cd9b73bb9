namespace Citadel.Storage.Wal;

/// <summary>Streams records from a snapshot of the segment list, straight from the files.</summary>
internal static class WalReader
{
    /// <summary>
    /// Records with indexes in [<paramref name="from"/>, <paramref name="last"/>] from <paramref name="segments"/>
    /// (ordered, contiguous). A segment file that vanished is skipped only if <paramref name="isRetained"/> says it
    /// was truncated meanwhile; anything else missing is corruption.
    /// </summary>
    public static IEnumerable<WalRecord> Read(
        IReadOnlyList<(string Path, ulong FirstIndex)> segments, ulong from, ulong last, Func<string, bool> isRetained)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            var (path, first) = segments[i];

            // What this segment holds: up to the next one's first index, or up to the snapshot's last record.
            var end = i + 1 < segments.Count ? segments[i + 1].FirstIndex - 1 : last;
            if (end < from || first > end)
            {
                continue;
            }

            SegmentReader reader;
            try
            {
                reader = new SegmentReader(path, first);
            }
            catch (FileNotFoundException) when (!isRetained(path))
            {
                continue;
            }

            using (reader)
            {
                while (reader.NextIndex <= end)
                {
                    var wanted = reader.NextIndex >= from;
                    if (!reader.TryRead(wanted ? PayloadMode.Copy : PayloadMode.Skip, out var payload))
                    {
                        throw new WalCorruptedException(
                            path, reader.Offset, reader.Problem ?? $"file ends before record {end}");
                    }

                    if (wanted)
                    {
                        yield return new WalRecord(reader.NextIndex - 1, payload);
                    }
                }
            }
        }
    }
}
