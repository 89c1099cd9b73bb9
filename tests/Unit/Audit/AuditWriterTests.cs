using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Citadel.Audit;
using Citadel.Common.Errors;
using Citadel.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citadel.Tests.Unit.Audit;

public sealed class AuditWriterTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 31, 22, 59, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("citadel-audit-").FullName;
    private readonly ManualTime _time = new(Start);

    [Fact]
    public async Task DailyRotation_StartsANewFileAtUtcMidnight()
    {
        await using (var writer = Create(AuditRotationPeriod.Daily, 7))
        {
            writer.Record(Entry(writer, "a"));
            _time.Now = Start.AddHours(1.5);
            writer.Record(Entry(writer, "b"));
        }

        Assert.Equal(["audit.2026-03-31.log", "audit.2026-04-01.log"], Files());
        Assert.Contains("\"method\":\"a\"", File.ReadAllText(Path.Combine(_dir, "audit.2026-03-31.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HourlyRotation_NamesFilesByUtcHour()
    {
        await using (var writer = Create(AuditRotationPeriod.Hourly, 7))
        {
            writer.Record(Entry(writer, "a"));
            _time.Now = Start.AddMinutes(2);
            writer.Record(Entry(writer, "b"));
        }

        Assert.Equal(["audit.2026-03-31-22.log", "audit.2026-03-31-23.log"], Files());
    }

    [Fact]
    public async Task Retention_KeepsOnlyTheNewestFiles()
    {
        await using (var writer = Create(AuditRotationPeriod.Hourly, 3))
        {
            for (var h = 0; h < 6; h++)
            {
                _time.Now = Start.AddHours(h);
                writer.Record(Entry(writer, $"h{h}"));

                // Retention runs when a file is opened, i.e. when the background thread appends.
                await writer.FlushAsync();
            }
        }

        Assert.Equal(["audit.2026-04-01-01.log", "audit.2026-04-01-02.log", "audit.2026-04-01-03.log"], Files());
    }

    [Fact]
    public async Task GracefulDispose_WritesEveryQueuedEntry()
    {
        var writer = Create(AuditRotationPeriod.Daily, 7);
        for (var i = 0; i < 5_000; i++)
        {
            writer.Record(Entry(writer, $"m{i}"));
        }

        await writer.DisposeAsync();
        Assert.Equal(5_000, File.ReadAllLines(Path.Combine(_dir, Files().Single())).Length);
        Assert.Equal(5_000, writer.Stats.Written);
    }

    [Fact]
    public async Task ConcurrentCallers_EachEntryIsWrittenOnceInOrder_AndAFlushMakesItReadable()
    {
        var writer = Create(AuditRotationPeriod.Daily, 7);
        var path = Path.Combine(_dir, AuditFiles.NameFor(Start, AuditRotationPeriod.Daily));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                var method = $"t{t}-{i:D3}";
                writer.Record(Entry(writer, method));
                if (i % 100 == 0)
                {
                    // What a query does first: every entry recorded before the flush is then in the log file.
                    await writer.FlushAsync();
                    using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    Assert.Contains($"\"method\":\"{method}\"", new StreamReader(read).ReadToEnd(), StringComparison.Ordinal);
                }
            }
        })));

        await writer.DisposeAsync();
        var lines = File.ReadAllLines(path);
        Assert.Equal(4_000, lines.Length);
        Assert.Equal(4_000, lines.Distinct().Count());
        Assert.Equal(4_000, writer.Stats.Written);

        // Each caller's entries appear in the order it recorded them.
        foreach (var t in Enumerable.Range(0, 8))
        {
            var mine = lines.Where(l => l.Contains($"\"method\":\"t{t}-", StringComparison.Ordinal)).ToList();
            Assert.Equal(mine.Order(StringComparer.Ordinal), mine);
        }
    }

    [Fact]
    public async Task ARecordedEntry_IsInTheJournalFile_ForAnyOtherProcessToSee()
    {
        await using var writer = Create(AuditRotationPeriod.Daily, 7);
        var method = "m-" + Guid.NewGuid().ToString("N");
        writer.Record(Entry(writer, method));

        // Another process reading the journal file (through the OS, not this process's mapping) sees the line at once.
        using var grep = Process.Start(new ProcessStartInfo("grep", ["-a", "-q", method, Path.Combine(_dir, AuditWriter.JournalFileName)]))!;
        await grep.WaitForExitAsync();
        Assert.Equal(0, grep.ExitCode);
    }

    [Fact]
    public async Task ASecondWriterOnTheSameDirectory_FailsLoudly_InsteadOfSharingTheJournal()
    {
        await using var first = Create(AuditRotationPeriod.Daily, 7);
        await using var second = Create(AuditRotationPeriod.Daily, 7);
        Assert.True(second.RefusingRequests);
        Assert.NotNull(second.FailureDetail);
        Assert.Throws<CitadelException>(() => second.Record(Entry(second, "second")));

        // The first writer keeps its journal and keeps working.
        first.Record(Entry(first, "first"));
        await first.FlushAsync();
        Assert.Equal(["first"], File.ReadAllLines(Path.Combine(_dir, "audit.2026-03-31.log")).Select(Method));
    }

    [Fact]
    public async Task LinesLeftInTheJournalByACrash_AreAppendedOnTheNextStart_InOrder()
    {
        Directory.CreateDirectory(_dir);
        var journalPath = Path.Combine(_dir, AuditWriter.JournalFileName);
        using (var journal = AuditJournal.Open(journalPath))
        {
            // A process stored these and was killed before its writer appended them.
            for (var i = 0; i < 100; i++)
            {
                Assert.True(journal.TryAppend(Line($"crashed-{i:D3}"), Start.UtcTicks));
            }
        }

        await using (var writer = Create(AuditRotationPeriod.Daily, 7))
        {
            writer.Record(Entry(writer, "after-restart"));
        }

        var lines = File.ReadAllLines(Path.Combine(_dir, "audit.2026-03-31.log"));
        Assert.Equal(101, lines.Length);
        Assert.Equal([.. Enumerable.Range(0, 100).Select(i => $"crashed-{i:D3}"), "after-restart"], lines.Select(Method));

        // Appended once: another start finds nothing left to append.
        await using (Create(AuditRotationPeriod.Daily, 7))
        {
        }

        Assert.Equal(101, File.ReadAllLines(Path.Combine(_dir, "audit.2026-03-31.log")).Length);
    }

    [Fact]
    public async Task ACrashAfterAnAppendReachedTheFile_DoesNotRepeatIt()
    {
        Directory.CreateDirectory(_dir);
        var log = Path.Combine(_dir, "audit.2026-03-31.log");
        File.WriteAllText(log, "");
        using (var journal = AuditJournal.Open(Path.Combine(_dir, AuditWriter.JournalFileName)))
        {
            journal.TryAppend(Line("appended"), Start.UtcTicks);
            var run = journal.TakePending();
            journal.BeginRun(run[^1].Seq, 0);
            File.WriteAllBytes(log, journal.Line(run[0]).ToArray());

            // Killed here: the append reached the file, the journal does not know yet.
        }

        await using (Create(AuditRotationPeriod.Daily, 7))
        {
        }

        Assert.Equal(["appended"], File.ReadAllLines(log).Select(Method));
    }

    [Fact]
    public async Task ACrashInTheMiddleOfAnAppend_CutsTheTornTail_AndAppendsTheRunWhole()
    {
        Directory.CreateDirectory(_dir);
        var log = Path.Combine(_dir, "audit.2026-03-31.log");
        var before = Line("earlier").ToArray();
        File.WriteAllBytes(log, before);
        using (var journal = AuditJournal.Open(Path.Combine(_dir, AuditWriter.JournalFileName)))
        {
            journal.TryAppend(Line("first"), Start.UtcTicks);
            journal.TryAppend(Line("second"), Start.UtcTicks);
            var run = journal.TakePending();
            journal.BeginRun(run[^1].Seq, before.Length);
            using var file = new FileStream(log, FileMode.Append);
            file.Write(journal.Line(run[0])[..10]);
        }

        await using (Create(AuditRotationPeriod.Daily, 7))
        {
        }

        Assert.Equal(["earlier", "first", "second"], File.ReadAllLines(log).Select(Method));
    }

    [Fact]
    public async Task ATornRecord_IsSkipped_AndTheRecordsAroundItAreKept()
    {
        Directory.CreateDirectory(_dir);
        var journalPath = Path.Combine(_dir, AuditWriter.JournalFileName);
        using (var journal = AuditJournal.Open(journalPath))
        {
            foreach (var name in new[] { "before", "torn", "after" })
            {
                journal.TryAppend(Line(name), Start.UtcTicks);
            }
        }

        // The kill landed while "torn" was being copied: part of its line is missing.
        var bytes = File.ReadAllBytes(journalPath);
        var at = bytes.AsSpan().IndexOf("\"torn\""u8);
        bytes[at + 1] = 0;
        File.WriteAllBytes(journalPath, bytes);

        await using (Create(AuditRotationPeriod.Daily, 7))
        {
        }

        Assert.Equal(["before", "after"], File.ReadAllLines(Path.Combine(_dir, "audit.2026-03-31.log")).Select(Method));
    }

    [Fact]
    public async Task AJournalWithHostileRecordHeaders_IsScannedSafely()
    {
        Directory.CreateDirectory(_dir);
        var journalPath = Path.Combine(_dir, AuditWriter.JournalFileName);
        using (var journal = AuditJournal.Open(journalPath))
        {
            journal.TryAppend(Line("real"), Start.UtcTicks);
        }

        // Record markers with lengths that run past the end of the file (or overflow) everywhere after the real record.
        var bytes = File.ReadAllBytes(journalPath);
        var first = bytes.AsSpan().IndexOf("}\n"u8) + 2;
        for (var at = (first + 7) & ~7; at + 8 <= bytes.Length; at += 8)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(at), 0xA5D17A5Du);
            BitConverter.TryWriteBytes(bytes.AsSpan(at + 4), at % 16 == 0 ? int.MaxValue : bytes.Length);
        }

        File.WriteAllBytes(journalPath, bytes);
        await using (Create(AuditRotationPeriod.Daily, 7))
        {
        }

        Assert.Equal(["real"], File.ReadAllLines(Path.Combine(_dir, "audit.2026-03-31.log")).Select(Method));
    }

    [Fact]
    public async Task ASmallJournal_WrapsAroundWithoutLosingOrRepeatingALine()
    {
        var writer = new AuditWriter(new AuditOptions(_dir, AuditRotationPeriod.Daily, 7, JournalBytes: 8192), _time, NullLogger.Instance);
        var refusedOnce = false;
        for (var i = 0; i < 2_000; i++)
        {
            while (true)
            {
                try
                {
                    writer.Record(Entry(writer, $"w{i:D4}"));
                    break;
                }
                catch (CitadelException e) when (e.Kind == ErrorKind.Unavailable)
                {
                    // Full: the bounded queue refuses instead of growing; room comes back once the lines are appended.
                    refusedOnce = true;
                    await writer.FlushAsync();
                }
            }
        }

        await writer.DisposeAsync();
        Assert.True(refusedOnce);
        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => $"w{i:D4}"), File.ReadAllLines(Path.Combine(_dir, "audit.2026-03-31.log")).Select(Method));
    }

    [Fact]
    public async Task UnwritableDirectory_KeepsRecordedEntries_RefusesNewRequestsLoudly_AndRecovers()
    {
        await using var writer = Create(AuditRotationPeriod.Hourly, 7);
        writer.Record(Entry(writer, "before"));
        await writer.FlushAsync();

        // The next hour's file cannot be created: the directory is gone and a file sits in its place.
        Directory.Delete(_dir, recursive: true);
        File.WriteAllText(_dir, "not a directory");
        _time.Now = Start.AddHours(1);
        writer.Record(Entry(writer, "kept"));
        await writer.FlushAsync();
        Assert.True(writer.RefusingRequests);
        Assert.NotNull(writer.FailureDetail);
        var refused = Assert.Throws<CitadelException>(() => writer.Record(Entry(writer, "refused")));
        Assert.Equal(ErrorKind.Unavailable, refused.Kind);
        Assert.True(writer.Stats.WriteErrors >= 1);

        File.Delete(_dir);
        Directory.CreateDirectory(_dir);
        await WaitUntil(() => !writer.RefusingRequests);
        writer.Record(Entry(writer, "after"));
        await writer.FlushAsync();
        Assert.Null(writer.FailureDetail);

        // The entry recorded while the disk failed was kept and appended once the directory was back.
        Assert.Equal(["kept", "after"], File.ReadAllLines(Path.Combine(_dir, "audit.2026-03-31-23.log")).Select(Method));
    }

    [Fact]
    public async Task DropPolicy_KeepsServing_KeepsWhatFitsAndCountsLostEntries()
    {
        await using var writer = new AuditWriter(new AuditOptions(_dir, AuditRotationPeriod.Hourly, 7, AuditFailurePolicy.Drop, JournalBytes: 8192), _time, NullLogger.Instance);
        Directory.Delete(_dir, recursive: true);
        File.WriteAllText(_dir, "not a directory");
        for (var i = 0; i < 200; i++)
        {
            writer.Record(Entry(writer, $"d{i:D3}"));
        }

        await writer.FlushAsync();
        Assert.InRange(writer.Stats.Dropped, 1, 199);
        Assert.False(writer.RefusingRequests);
        Assert.NotNull(writer.FailureDetail);

        File.Delete(_dir);
        Directory.CreateDirectory(_dir);
        await WaitUntil(() => writer.FailureDetail is null);
        await writer.FlushAsync();

        // The oldest entries (those that fit in the journal) survive the outage, in order; only the overflow is lost.
        var kept = File.ReadAllLines(Path.Combine(_dir, "audit.2026-03-31-22.log")).Select(Method).ToList();
        Assert.Equal(200 - writer.Stats.Dropped, kept.Count);
        Assert.Equal(Enumerable.Range(0, kept.Count).Select(i => $"d{i:D3}"), kept);
    }

    public void Dispose()
    {
        if (File.Exists(_dir))
        {
            File.Delete(_dir);
        }
        else if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        // Appending is retried once a second.
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition());
    }

    private AuditWriter Create(AuditRotationPeriod rotation, int maxFiles) =>
        new(new AuditOptions(_dir, rotation, maxFiles), _time, NullLogger.Instance);

    private static AuditEvent Entry(AuditWriter writer, string method) => new() { Timestamp = writer.Now, Method = method, AuthType = "ApiKey", Allowed = true };

    private static ReadOnlySpan<byte> Line(string method)
    {
        var buffer = new ArrayBufferWriter<byte>();
        AuditEventJson.Write(buffer, new AuditEvent { Timestamp = Start, Method = method, AuthType = "ApiKey", Allowed = true });
        buffer.Write("\n"u8);
        return buffer.WrittenSpan;
    }

    private static string? Method(string line) => JsonDocument.Parse(line).RootElement.GetProperty("method").GetString();

    private List<string> Files() => [.. Directory.EnumerateFiles(_dir, "audit*.log").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];
}
