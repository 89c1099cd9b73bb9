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
            await writer.RecordAsync(Entry(writer, "a"));
            _time.Now = Start.AddHours(1.5);
            await writer.RecordAsync(Entry(writer, "b"));
        }

        Assert.Equal(["audit.2026-03-31.log", "audit.2026-04-01.log"], Files());
        Assert.Contains("\"method\":\"a\"", File.ReadAllText(Path.Combine(_dir, "audit.2026-03-31.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HourlyRotation_NamesFilesByUtcHour()
    {
        await using (var writer = Create(AuditRotationPeriod.Hourly, 7))
        {
            await writer.RecordAsync(Entry(writer, "a"));
            _time.Now = Start.AddMinutes(2);
            await writer.RecordAsync(Entry(writer, "b"));
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
                await writer.RecordAsync(Entry(writer, $"h{h}"));
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
            _ = writer.RecordAsync(Entry(writer, $"m{i}"));
        }

        await writer.DisposeAsync();
        Assert.Equal(5_000, File.ReadAllLines(Path.Combine(_dir, Files().Single())).Length);
        Assert.Equal(5_000, writer.Stats.Written);
    }

    [Fact]
    public async Task ConcurrentCallers_EachEntryIsWrittenOnce_BeforeItsCallCompletes()
    {
        // Callers write inline when the writer is idle and queue for the background thread otherwise; both paths mixed.
        var writer = Create(AuditRotationPeriod.Daily, 7);
        var path = Path.Combine(_dir, AuditFiles.NameFor(Start, AuditRotationPeriod.Daily));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                var method = $"t{t}-{i}";
                await writer.RecordAsync(Entry(writer, method));
                if (i % 100 == 0)
                {
                    // Completed means handed to the OS: another reader of the file sees it now.
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
    }

    [Fact]
    public async Task UnwritableDirectory_RefusesRequestsLoudly_AndRecovers()
    {
        await using var writer = Create(AuditRotationPeriod.Hourly, 7);
        await writer.RecordAsync(Entry(writer, "before"));

        // The next hour's file cannot be created: the directory is gone and a file sits in its place.
        Directory.Delete(_dir, recursive: true);
        File.WriteAllText(_dir, "not a directory");
        _time.Now = Start.AddHours(1);
        var failed = await Assert.ThrowsAsync<CitadelException>(() => writer.RecordAsync(Entry(writer, "lost")));
        Assert.Equal(ErrorKind.Unavailable, failed.Kind);
        Assert.True(writer.RefusingRequests);
        Assert.NotNull(writer.FailureDetail);
        // Refused synchronously: nothing is queued while the writer is failing.
        Assert.Throws<CitadelException>(() => { _ = writer.RecordAsync(Entry(writer, "refused")); });
        Assert.Equal(1, writer.Stats.WriteErrors);

        File.Delete(_dir);
        Directory.CreateDirectory(_dir);
        await WaitUntil(() => !writer.RefusingRequests, writer);
        await writer.RecordAsync(Entry(writer, "after"));
        Assert.Null(writer.FailureDetail);
    }

    [Fact]
    public async Task DropPolicy_KeepsServingAndCountsLostEntries()
    {
        await using var writer = Create(AuditRotationPeriod.Hourly, 7, AuditFailurePolicy.Drop);
        Directory.Delete(_dir, recursive: true);
        File.WriteAllText(_dir, "not a directory");
        await writer.RecordAsync(Entry(writer, "lost"));
        Assert.Equal(1, writer.Stats.Dropped);
        Assert.False(writer.RefusingRequests);
        Assert.NotNull(writer.FailureDetail);
        File.Delete(_dir);
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

    private static async Task WaitUntil(Func<bool> condition, AuditWriter writer)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            // Writing is retried on the next batch: offer one (it may be refused until the retry succeeds).
            try
            {
                await writer.RecordAsync(new AuditEvent { Timestamp = writer.Now, AuthType = "None", Allowed = true, Method = "probe" });
            }
            catch (CitadelException)
            {
                await Task.Delay(100);
            }
        }
    }

    private AuditWriter Create(AuditRotationPeriod rotation, int maxFiles, AuditFailurePolicy policy = AuditFailurePolicy.Refuse) =>
        new(new AuditOptions(_dir, rotation, maxFiles, policy), _time, NullLogger.Instance);

    private static AuditEvent Entry(AuditWriter writer, string method) => new() { Timestamp = writer.Now, Method = method, AuthType = "ApiKey", Allowed = true };

    private List<string> Files() => [.. Directory.EnumerateFiles(_dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];
}
