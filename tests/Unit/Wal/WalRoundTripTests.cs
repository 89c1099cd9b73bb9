using Citadel.Storage.IO;
using Citadel.Storage.Wal;
using static Citadel.Tests.Unit.Wal.WalTestDirectory;

namespace Citadel.Tests.Unit.Wal;

public sealed class WalRoundTripTests : IDisposable
{
    private static readonly WalOptions Options = new(1 << 20);
    private readonly WalTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void NewLog_IsEmptyAndStartsAtIndexOne()
    {
        using var log = WriteAheadLog.Open(_dir.Path, Options);

        Assert.Equal(0UL, log.LastIndex);
        Assert.Equal(1UL, log.FirstIndex);
        Assert.Equal(0UL, log.DurableIndex);
        Assert.Equal(0L, log.SizeBytes);
        Assert.Empty(log.ReadFrom(1));
        Assert.Single(_dir.Segments());
    }

    [Fact]
    public void AppendedRecords_AreReadBackInOrder()
    {
        using var log = WriteAheadLog.Open(_dir.Path, Options);

        AppendMany(log, 20);

        Assert.Equal(20UL, log.LastIndex);
        AssertRecords(log, 1, 20);
        Assert.Equal([15UL, 16, 17, 18, 19, 20], log.ReadFrom(15).Select(r => r.Index));
        Assert.Empty(log.ReadFrom(21));
    }

    [Fact]
    public void EmptyPayload_RoundTrips()
    {
        using var log = WriteAheadLog.Open(_dir.Path, Options);

        log.Append([]);
        log.Append([]);

        Assert.All(log.ReadFrom(1), r => Assert.True(r.Payload.IsEmpty));
        Assert.Equal(32L, log.SizeBytes);
    }

    [Fact]
    public void LargePayload_WrittenInTwoCalls_RoundTrips()
    {
        var big = new byte[200_000];
        new Random(7).NextBytes(big);
        using var log = WriteAheadLog.Open(_dir.Path, Options);

        log.Append([1, 2, 3]);
        log.Append(big);
        log.Append([4]);

        var records = log.ReadFrom(1).ToList();
        Assert.Equal(big, records[1].Payload.ToArray());
        Assert.Equal(new byte[] { 4 }, records[2].Payload.ToArray());
    }

    [Fact]
    public void Reopen_ContinuesIndexesAfterLastRecord()
    {
        using (var log = WriteAheadLog.Open(_dir.Path, Options))
        {
            AppendMany(log, 5);
        }

        using (var log = WriteAheadLog.Open(_dir.Path, Options))
        {
            Assert.Equal(5UL, log.LastIndex);
            Assert.Equal(5UL, log.DurableIndex);
            Assert.Equal(1UL, log.FirstIndex);
            AppendMany(log, 3);
            AssertRecords(log, 1, 8);
        }

        using (var log = WriteAheadLog.Open(_dir.Path, Options))
        {
            AssertRecords(log, 1, 8);
        }
    }

    [Fact]
    public void SizeBytes_MatchesTheFilesOnDisk()
    {
        using var log = WriteAheadLog.Open(_dir.Path, new WalOptions(512));

        AppendMany(log, 40);

        Assert.True(_dir.Segments().Length > 1);
        Assert.Equal(_dir.Segments().Sum(f => new FileInfo(f).Length), log.SizeBytes);
    }

    [Fact]
    public void OversizedPayload_IsRejectedBeforeAnythingIsWritten()
    {
        var error = Assert.Throws<ArgumentException>(() => RecordFormat.ThrowIfTooLarge((1 << 30) + 1, "payload"));
        Assert.Equal("payload", error.ParamName);
        RecordFormat.ThrowIfTooLarge(1 << 30, "payload");
    }

    [Fact]
    public void SecondOpenOfTheSameDirectory_IsRefused()
    {
        using var log = WriteAheadLog.Open(_dir.Path, Options);

        Assert.ThrowsAny<IOException>(() => WriteAheadLog.Open(_dir.Path, Options));
    }

    [Fact]
    public void OperationsAfterDispose_ThrowObjectDisposed()
    {
        var log = WriteAheadLog.Open(_dir.Path, Options);
        log.Append([1]);
        log.Dispose();
        log.Dispose(); // idempotent

        Assert.Throws<ObjectDisposedException>(() => log.Append([2]));
        Assert.Throws<ObjectDisposedException>(() => log.ReadFrom(1));
        Assert.Throws<ObjectDisposedException>(() => log.TruncateBefore(1));
    }

    [Fact]
    public async Task FlushAfterDispose_ThrowsObjectDisposed()
    {
        var log = WriteAheadLog.Open(_dir.Path, Options);
        var index = log.Append([1]);
        await log.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await log.FlushAsync(index));
    }

    [Fact]
    public void Crc32C_MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0u, Crc32C.Compute([]));
    }
}
