using Citadel.Storage.Wal;
using static Citadel.Tests.Unit.Wal.WalTestDirectory;

namespace Citadel.Tests.Unit.Wal;

public sealed class WalRecoveryTests : IDisposable
{
    private static readonly WalOptions Options = new(1 << 20);
    private readonly WalTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Writes records 1..3 to a single segment; returns the file and the offset where record 3 starts.</summary>
    private (string File, long Record3) WriteThreeRecords()
    {
        using (var log = WriteAheadLog.Open(_dir.Path, Options))
        {
            AppendMany(log, 3);
        }

        return (_dir.Segments().Single(), RecordSize(1) + RecordSize(2));
    }

    private void AssertRecoveredToTwoAndAppendsContinue(string file, long record3)
    {
        using (var log = WriteAheadLog.Open(_dir.Path, Options))
        {
            Assert.Equal(2UL, log.LastIndex);
            Assert.Equal(2UL, log.DurableIndex);
            Assert.Equal(record3, new FileInfo(file).Length);
            AssertRecords(log, 1, 2);

            Assert.Equal(3UL, log.Append(PayloadFor(3)));
            Assert.Equal(4UL, log.Append(PayloadFor(4)));
        }

        using (var log = WriteAheadLog.Open(_dir.Path, Options))
        {
            AssertRecords(log, 1, 4);
        }
    }

    [Theory]
    [InlineData(1)] // one header byte
    [InlineData(8)] // mid-header
    [InlineData(15)] // header missing its last byte
    [InlineData(16)] // header complete, payload missing
    [InlineData(17)] // mid-payload
    public void TornLastRecord_IsDiscardedOnOpen(int bytesOfRecord3Kept)
    {
        var (file, record3) = WriteThreeRecords();
        Assert.True(RecordSize(3) > bytesOfRecord3Kept + 1, "record 3 must have a payload for this test");

        Truncate(file, record3 + bytesOfRecord3Kept);

        AssertRecoveredToTwoAndAppendsContinue(file, record3);
    }

    [Fact]
    public void TornLastRecord_MissingOnlyItsLastByte_IsDiscardedOnOpen()
    {
        var (file, record3) = WriteThreeRecords();
        Truncate(file, record3 + RecordSize(3) - 1);

        AssertRecoveredToTwoAndAppendsContinue(file, record3);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(1000)]
    public void GarbageBytesAtTail_AreDiscardedOnOpen(int garbageLength)
    {
        var (file, _) = WriteThreeRecords();
        var garbage = new byte[garbageLength];
        new Random(garbageLength).NextBytes(garbage);
        AppendBytes(file, garbage);

        using var log = WriteAheadLog.Open(_dir.Path, Options);

        Assert.Equal(3UL, log.LastIndex);
        Assert.Equal(RecordSize(1) + RecordSize(2) + RecordSize(3), new FileInfo(file).Length);
        Assert.Equal(4UL, log.Append(PayloadFor(4)));
        AssertRecords(log, 1, 4);
    }

    [Fact]
    public void ZeroFilledTail_IsDiscardedOnOpen()
    {
        // Some file systems extend a file with zeros when a crash hits between the size and the data update.
        var (file, _) = WriteThreeRecords();
        AppendBytes(file, new byte[4096]);

        using var log = WriteAheadLog.Open(_dir.Path, Options);

        Assert.Equal(3UL, log.LastIndex);
    }

    [Theory]
    [InlineData(0)] // length field
    [InlineData(4)] // CRC field
    [InlineData(8)] // index field
    [InlineData(16)] // first payload byte
    public void FlippedBitInLastRecord_DiscardsIt(int offsetInRecord)
    {
        var (file, record3) = WriteThreeRecords();
        FlipBit(file, record3 + offsetInRecord);

        AssertRecoveredToTwoAndAppendsContinue(file, record3);
    }

    [Fact]
    public void ValidRecordWithNonConsecutiveIndex_AtTail_IsDiscarded()
    {
        var (file, record3) = WriteThreeRecords();
        var payload = PayloadFor(3);
        var stale = new byte[16 + payload.Length];
        RecordFormat.WriteHeader(stale, 7, payload);
        payload.CopyTo(stale, 16);
        Truncate(file, record3);
        AppendBytes(file, stale);

        AssertRecoveredToTwoAndAppendsContinue(file, record3);
    }

    [Fact]
    public void CorruptionInClosedSegment_ThrowsNamingFileAndOffset()
    {
        using (var log = WriteAheadLog.Open(_dir.Path, new WalOptions(600)))
        {
            AppendMany(log, 30);
        }

        var segments = _dir.Segments();
        Assert.True(segments.Length >= 3);
        var offset = RecordSize(1) + 16; // first payload byte of record 2
        FlipBit(segments[0], offset);

        var error = Assert.Throws<WalCorruptedException>(() => WriteAheadLog.Open(_dir.Path, new WalOptions(600)));

        Assert.Equal(segments[0], error.FilePath);
        Assert.Equal(RecordSize(1), error.Offset);
        Assert.Contains(segments[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedClosedSegment_Throws()
    {
        using (var log = WriteAheadLog.Open(_dir.Path, new WalOptions(600)))
        {
            AppendMany(log, 30);
        }

        var segments = _dir.Segments();
        Truncate(segments[1], new FileInfo(segments[1]).Length - 1);

        var error = Assert.Throws<WalCorruptedException>(() => WriteAheadLog.Open(_dir.Path, new WalOptions(600)));
        Assert.Equal(segments[1], error.FilePath);
    }

    [Fact]
    public void MissingMiddleSegment_Throws()
    {
        using (var log = WriteAheadLog.Open(_dir.Path, new WalOptions(600)))
        {
            AppendMany(log, 30);
        }

        var segments = _dir.Segments();
        Assert.True(segments.Length >= 3);
        File.Delete(segments[1]);

        var error = Assert.Throws<WalCorruptedException>(() => WriteAheadLog.Open(_dir.Path, new WalOptions(600)));
        Assert.Equal(segments[2], error.FilePath);
    }

    [Fact]
    public void UnrelatedFilesInTheDirectory_AreIgnored()
    {
        WriteThreeRecords();
        File.WriteAllText(Path.Combine(_dir.Path, "wal-notanumber.log"), "x");
        File.WriteAllText(Path.Combine(_dir.Path, "README"), "x");

        using var log = WriteAheadLog.Open(_dir.Path, Options);

        Assert.Equal(3UL, log.LastIndex);
    }
}
