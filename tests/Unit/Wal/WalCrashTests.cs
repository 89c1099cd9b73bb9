using Citadel.Storage.Wal;
using static Citadel.Tests.Unit.Wal.WalTestDirectory;

namespace Citadel.Tests.Unit.Wal;

/// <summary>
/// Crash simulations. A real kill -9 needs a helper process; instead these capture the files the way a crash
/// would leave them: copied while a writer is busy, or cut at every possible byte.
/// </summary>
public sealed class WalCrashTests : IDisposable
{
    private readonly WalTestDirectory _dir = new();
    private readonly WalTestDirectory _copies = new();

    public void Dispose()
    {
        _dir.Dispose();
        _copies.Dispose();
    }

    [Fact]
    public void LogCutAtAnyByte_RecoversExactlyTheCompleteRecords()
    {
        const int count = 3;
        using (var log = WriteAheadLog.Open(_dir.Path, new WalOptions(1 << 20)))
        {
            AppendMany(log, count);
        }

        var original = File.ReadAllBytes(_dir.Segments().Single());
        var ends = new List<long>();
        long end = 0;
        for (ulong i = 1; i <= count; i++)
        {
            end += RecordSize(i);
            ends.Add(end);
        }

        Directory.CreateDirectory(_copies.Path);
        var segment = Path.Combine(_copies.Path, "wal-00000000000000000001.log");
        for (var cut = 0; cut <= original.Length; cut++)
        {
            foreach (var file in Directory.GetFiles(_copies.Path, "wal-*.log"))
            {
                File.Delete(file);
            }

            File.WriteAllBytes(segment, original.AsSpan(0, cut).ToArray());

            using var log = WriteAheadLog.Open(_copies.Path, new WalOptions(1 << 20));

            var complete = (ulong)ends.Count(e => e <= cut);
            Assert.Equal(complete, log.LastIndex);
            AssertRecords(log, 1, complete);
            Assert.Equal(complete + 1, log.Append(PayloadFor(complete + 1)));
        }
    }

    [Fact]
    public async Task CopyTakenWhileWriting_KeepsEveryFlushedRecord()
    {
        var options = new WalOptions(256 * 1024);
        using var log = WriteAheadLog.Open(_dir.Path, options);
        using var stop = new CancellationTokenSource();

        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var index = log.Append(CrashPayload(log.LastIndex + 1));
                if (index % 5 == 0)
                {
                    await log.FlushAsync(index);
                }
            }
        });

        var random = new Random(12345);
        var tornCopies = 0;
        try
        {
            for (var snapshot = 0; snapshot < 15; snapshot++)
            {
                // Everything durable before the copy starts must survive in the copy, whatever else is torn.
                var durable = log.DurableIndex;
                var copy = Path.Combine(_copies.Path, snapshot.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.CreateDirectory(copy);
                foreach (var file in Segments(_dir.Path))
                {
                    CopyWhileGrowing(file, Path.Combine(copy, Path.GetFileName(file)));
                }

                // Power loss on top: bytes past the last fsync may or may not have reached the disk, so cut the
                // last file anywhere after the durable records.
                var last = Segments(copy)[^1];
                var lastFirst = ulong.Parse(Path.GetFileName(last)[4..24], System.Globalization.CultureInfo.InvariantCulture);
                long durableEnd = 0;
                for (var i = lastFirst; i <= durable; i++)
                {
                    durableEnd += 16 + CrashPayloadLength(i);
                }

                var length = new FileInfo(last).Length;
                Truncate(last, random.NextInt64(durableEnd, length + 1));
                var copiedBytes = Segments(copy).Sum(f => new FileInfo(f).Length);

                using var recovered = WriteAheadLog.Open(copy, options);

                Assert.True(recovered.LastIndex >= durable, $"lost flushed records: {recovered.LastIndex} < {durable}");
                var expected = 1UL;
                foreach (var record in recovered.ReadFrom(0))
                {
                    Assert.Equal(expected, record.Index);
                    Assert.Equal(CrashPayload(expected), record.Payload.ToArray());
                    expected++;
                }

                Assert.Equal(recovered.LastIndex + 1, expected);
                Assert.Equal(expected, recovered.Append(CrashPayload(expected)));
                if (recovered.SizeBytes - (16 + CrashPayloadLength(expected)) < copiedBytes)
                {
                    tornCopies++;
                }

                await Task.Delay(10);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }

        Assert.True(log.LastIndex > 100, "the writer should have made progress meanwhile");
        Assert.True(tornCopies > 0, "no copy ended in a torn record, so recovery was not exercised");
    }

    /// <summary>Mostly small payloads; every seventh is big enough to take the two-write path and span pages.</summary>
    private static byte[] CrashPayload(ulong index)
    {
        if (index % 7 != 0)
        {
            return PayloadFor(index);
        }

        var payload = new byte[CrashPayloadLength(index)];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(index + (ulong)i);
        }

        return payload;
    }

    private static int CrashPayloadLength(ulong index) => index % 7 == 0 ? 100_000 : PayloadFor(index).Length;

    /// <summary>Copies in chunks (odd-sized, unbuffered) so the copy can end in the middle of a record being written.</summary>
    private static void CopyWhileGrowing(string source, string destination)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
        var chunk = new byte[4093];
        int read;
        while ((read = input.Read(chunk)) > 0)
        {
            output.Write(chunk, 0, read);
        }
    }
}
