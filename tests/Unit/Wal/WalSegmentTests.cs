using Citadel.Storage.Wal;
using static Citadel.Tests.Unit.Wal.WalTestDirectory;

namespace Citadel.Tests.Unit.Wal;

public sealed class WalSegmentTests : IDisposable
{
    private readonly WalTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Record sizes fixed at 16 + 34 = 50 bytes, so a 100-byte segment holds exactly two records.</summary>
    private static readonly WalOptions TwoPerSegment = new(100);

    private static void AppendFixed(WriteAheadLog log, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var payload = new byte[34];
            BitConverter.TryWriteBytes(payload, log.LastIndex + 1);
            log.Append(payload);
        }
    }

    private static ulong[] Indexes(WriteAheadLog log, ulong from = 0) => [.. log.ReadFrom(from).Select(r => r.Index)];

    private string[] SegmentNames() => [.. _dir.Segments().Select(Path.GetFileName)!];

    [Fact]
    public void ActiveSegmentReachingTheSize_RollsToANewFileNamedByItsFirstIndex()
    {
        using var log = WriteAheadLog.Open(_dir.Path, TwoPerSegment);

        AppendFixed(log, 7);

        Assert.Equal(
            ["wal-00000000000000000001.log", "wal-00000000000000000003.log", "wal-00000000000000000005.log", "wal-00000000000000000007.log"],
            SegmentNames());
        Assert.Equal(7UL, log.LastIndex);
    }

    [Fact]
    public void ReadFrom_SpansSegments()
    {
        using var log = WriteAheadLog.Open(_dir.Path, new WalOptions(600));
        AppendMany(log, 40);
        Assert.True(_dir.Segments().Length > 3);

        AssertRecords(log, 1, 40);
        for (ulong from = 1; from <= 41; from++)
        {
            var expected = Enumerable.Range((int)from, 41 - (int)from).Select(i => (ulong)i);
            Assert.Equal(expected, Indexes(log, from));
        }
    }

    [Fact]
    public void Roll_KeepsDurableIndexAccounting()
    {
        using var log = WriteAheadLog.Open(_dir.Path, TwoPerSegment);

        AppendFixed(log, 2);
        Assert.Equal(0UL, log.DurableIndex);

        AppendFixed(log, 1); // rolls: the old segment is fsynced before the new file exists
        Assert.Equal(2UL, log.DurableIndex);
        Assert.Equal(3UL, log.LastIndex);
    }

    [Fact]
    public async Task FlushAcrossRolls_CoversEveryRecord()
    {
        using var log = WriteAheadLog.Open(_dir.Path, TwoPerSegment);

        AppendFixed(log, 9);
        await log.FlushAsync(9);

        Assert.Equal(9UL, log.DurableIndex);
    }

    [Fact]
    public void TruncateBefore_RemovesOnlyFullyCoveredClosedSegments()
    {
        using var log = WriteAheadLog.Open(_dir.Path, TwoPerSegment);
        AppendFixed(log, 7); // segments [1,2] [3,4] [5,6] [7]

        log.TruncateBefore(4); // [3,4] still holds 4
        Assert.Equal(["wal-00000000000000000003.log", "wal-00000000000000000005.log", "wal-00000000000000000007.log"], SegmentNames());
        Assert.Equal(3UL, log.FirstIndex);

        log.TruncateBefore(5);
        Assert.Equal(5UL, log.FirstIndex);
        Assert.Equal([5UL, 6, 7], Indexes(log));
        Assert.Equal(_dir.Segments().Sum(f => new FileInfo(f).Length), log.SizeBytes);

        log.TruncateBefore(1000); // never the active segment
        Assert.Equal(["wal-00000000000000000007.log"], SegmentNames());
        Assert.Equal(7UL, log.FirstIndex);
        Assert.Equal([7UL], Indexes(log));
    }

    [Fact]
    public void AfterTruncation_IndexesContinueAcrossReopen()
    {
        using (var log = WriteAheadLog.Open(_dir.Path, TwoPerSegment))
        {
            AppendFixed(log, 6); // [1,2] [3,4] [5,6]
            log.TruncateBefore(7);
            Assert.Equal(["wal-00000000000000000005.log"], SegmentNames());
            Assert.Equal(7UL, log.Append([1]));
        }

        using (var log = WriteAheadLog.Open(_dir.Path, TwoPerSegment))
        {
            Assert.Equal(7UL, log.LastIndex);
            Assert.Equal(8UL, log.Append([2]));
        }
    }

    [Fact]
    public void NextIndexAtLeast_IsRespectedOnAnEmptyDirectory()
    {
        using (var log = WriteAheadLog.Open(_dir.Path, TwoPerSegment, nextIndexAtLeast: 42))
        {
            Assert.Equal(41UL, log.LastIndex);
            Assert.Equal(42UL, log.FirstIndex);
            Assert.Empty(log.ReadFrom(0));
            Assert.Equal(42UL, log.Append([1]));
        }

        // Without the hint the file names alone keep indexes from being reused.
        using (var log = WriteAheadLog.Open(_dir.Path, TwoPerSegment))
        {
            Assert.Equal(42UL, log.LastIndex);
            Assert.Equal(43UL, log.Append([2]));
        }
    }

    [Fact]
    public void NextIndexAtLeast_IsRespectedAfterEverythingWasTruncated()
    {
        using (var log = WriteAheadLog.Open(_dir.Path, TwoPerSegment))
        {
            AppendFixed(log, 10);
            log.TruncateBefore(11);
            Assert.Equal(10UL, log.LastIndex);
        }

        // The checkpoint (version 10) covers everything: no reuse, and the retained active segment still counts.
        using (var log = WriteAheadLog.Open(_dir.Path, TwoPerSegment, nextIndexAtLeast: 11))
        {
            Assert.Equal(10UL, log.LastIndex);
            Assert.Equal(11UL, log.Append([1]));
        }

        // A checkpoint ahead of the log (its tail was lost): old records are below the checkpoint and go away.
        using (var log = WriteAheadLog.Open(_dir.Path, TwoPerSegment, nextIndexAtLeast: 500))
        {
            Assert.Equal(499UL, log.LastIndex);
            Assert.Equal(500UL, log.FirstIndex);
            Assert.Empty(log.ReadFrom(0));
            Assert.Equal(["wal-00000000000000000500.log"], SegmentNames());
            Assert.Equal(500UL, log.Append([1]));
        }

        // Files removed behind the log's back (e.g. a restored snapshot): the hint alone decides.
        foreach (var file in _dir.Segments())
        {
            File.Delete(file);
        }

        using (var log = WriteAheadLog.Open(_dir.Path, TwoPerSegment, nextIndexAtLeast: 900))
        {
            Assert.Equal(900UL, log.Append([1]));
        }
    }

    [Fact]
    public void NextIndexAtLeast_BelowTheLog_DoesNotRewindIt()
    {
        using (var log = WriteAheadLog.Open(_dir.Path, TwoPerSegment))
        {
            AppendFixed(log, 5);
        }

        using var reopened = WriteAheadLog.Open(_dir.Path, TwoPerSegment, nextIndexAtLeast: 3);

        Assert.Equal(5UL, reopened.LastIndex);
        Assert.Equal([1UL, 2, 3, 4, 5], Indexes(reopened));
    }
}
