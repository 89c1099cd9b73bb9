using Citadel.Storage.Wal;

namespace Citadel.Tests.Unit.Wal;

public sealed class WalGroupCommitTests : IDisposable
{
    private static readonly WalOptions Options = new(1 << 20);
    private readonly WalTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ConcurrentFlushes_AllComplete_AndShareFewFsyncs()
    {
        using var log = WriteAheadLog.Open(_dir.Path, Options);
        var indexes = Enumerable.Range(0, 50).Select(i => log.Append(new byte[100])).ToArray();
        var before = log.FsyncCount;

        await Task.WhenAll(indexes.Select(index => Task.Run(async () =>
        {
            await log.FlushAsync(index);
            Assert.True(log.DurableIndex >= index);
        })));

        Assert.Equal(50UL, log.DurableIndex);
        var fsyncs = log.FsyncCount - before;
        Assert.InRange(fsyncs, 1, 5);
    }

    [Fact]
    public async Task InterleavedAppendAndFlush_FromManyWriters_AllBecomeDurable()
    {
        using var log = WriteAheadLog.Open(_dir.Path, Options);
        var appendLock = new object();
        var before = log.FsyncCount;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                ulong index;
                lock (appendLock)
                {
                    index = log.Append(new byte[64]);
                }

                await log.FlushAsync(index);
                Assert.True(log.DurableIndex >= index);
            }
        })));

        Assert.Equal(1000UL, log.DurableIndex);
        Assert.True(log.FsyncCount - before < 1000, $"{log.FsyncCount - before} fsyncs for 1000 flushes");
    }

    [Fact]
    public async Task FlushOfAnAlreadyDurableIndex_CompletesWithoutFsync()
    {
        using var log = WriteAheadLog.Open(_dir.Path, Options);
        var index = log.Append([1]);
        await log.FlushAsync(index);
        var before = log.FsyncCount;

        await log.FlushAsync(index);
        await log.FlushAsync(0);

        Assert.Equal(before, log.FsyncCount);
    }

    [Fact]
    public async Task FlushOfAnIndexNotYetAppended_Throws()
    {
        using var log = WriteAheadLog.Open(_dir.Path, Options);
        log.Append([1]);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await log.FlushAsync(2));
    }

    [Fact]
    public async Task CancelledFlush_StopsWaiting()
    {
        using var log = WriteAheadLog.Open(_dir.Path, Options);
        var gate = new ManualResetEventSlim();
        log.FlushToDisk = handle =>
        {
            gate.Wait();
            RandomAccess.FlushToDisk(handle);
        };
        var index = log.Append([1]);
        using var cts = new CancellationTokenSource();

        var flush = log.FlushAsync(index, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flush);
        gate.Set();
        await log.FlushAsync(index);
    }

    [Fact]
    public async Task FsyncFailure_ReachesEveryWaiter_AndFailsTheLog()
    {
        var log = WriteAheadLog.Open(_dir.Path, Options);
        var gate = new ManualResetEventSlim();
        log.FlushToDisk = _ =>
        {
            gate.Wait();
            throw new IOException("disk on fire");
        };
        var indexes = Enumerable.Range(0, 10).Select(_ => log.Append([1])).ToArray();

        var flushes = indexes.Select(i => log.FlushAsync(i).AsTask()).ToArray();
        gate.Set();

        foreach (var flush in flushes)
        {
            var error = await Assert.ThrowsAsync<IOException>(() => flush);
            Assert.Equal("disk on fire", error.Message);
        }

        var later = Assert.Throws<IOException>(() => log.Append([2]));
        Assert.Equal("disk on fire", later.InnerException?.Message);
        await Assert.ThrowsAsync<IOException>(async () => await log.FlushAsync(1));
        Assert.Equal(0UL, log.DurableIndex);
        log.Dispose();
    }

    [Fact]
    public async Task Dispose_FlushesWhatWasAppended_AndReleasesWaiters()
    {
        var log = WriteAheadLog.Open(_dir.Path, Options);
        var gate = new ManualResetEventSlim();
        log.FlushToDisk = handle =>
        {
            gate.Wait();
            RandomAccess.FlushToDisk(handle);
        };
        log.Append([1]);
        var first = log.FlushAsync(1).AsTask();
        log.Append([2]);

        // Not waited on by anyone: Dispose must still sync it, after the round in flight finishes.
        var dispose = Task.Run(log.Dispose);
        gate.Set();
        await dispose;
        await first;

        Assert.Equal(2UL, log.DurableIndex);
    }
}
