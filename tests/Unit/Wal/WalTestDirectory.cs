using Citadel.Storage.Wal;

namespace Citadel.Tests.Unit.Wal;

/// <summary>A throw-away directory for one test, plus helpers to inspect and damage segment files.</summary>
internal sealed class WalTestDirectory : IDisposable
{
    public WalTestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "citadel-wal-tests", Guid.NewGuid().ToString("N"));
    }

    public string Path { get; }

    /// <summary>Segment files, oldest first.</summary>
    public string[] Segments() => Segments(Path);

    public static string[] Segments(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.GetFiles(directory, "wal-*.log").Order(StringComparer.Ordinal)]
            : [];

    /// <summary>A payload whose length and bytes depend on the index, so mix-ups are caught.</summary>
    public static byte[] PayloadFor(ulong index)
    {
        var payload = new byte[(int)(index * 7919 % 300)];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(index * 31 + (ulong)i);
        }

        return payload;
    }

    /// <summary>Bytes one record with <see cref="PayloadFor"/> takes on disk.</summary>
    public static long RecordSize(ulong index) => 16 + PayloadFor(index).Length;

    /// <summary>Appends records <paramref name="count"/> times, checking the indexes handed out.</summary>
    public static void AppendMany(WriteAheadLog log, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var expected = log.LastIndex + 1;
            Assert.Equal(expected, log.Append(PayloadFor(expected)));
        }
    }

    /// <summary>Asserts the log holds exactly records <paramref name="first"/>..<paramref name="last"/> intact.</summary>
    public static void AssertRecords(WriteAheadLog log, ulong first, ulong last)
    {
        var records = log.ReadFrom(0).ToList();
        Assert.Equal(last >= first ? (int)(last - first + 1) : 0, records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var index = first + (ulong)i;
            Assert.Equal(index, records[i].Index);
            Assert.Equal(PayloadFor(index), records[i].Payload.ToArray());
        }
    }

    public static void Truncate(string file, long length)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
        stream.SetLength(length);
    }

    public static void AppendBytes(string file, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(file, FileMode.Append, FileAccess.Write);
        stream.Write(bytes);
    }

    public static void FlipBit(string file, long offset, int bit = 0)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ (1 << bit)));
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
