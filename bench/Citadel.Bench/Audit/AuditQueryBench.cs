using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Citadel.Audit;
using Citadel.Bench.Load;

namespace Citadel.Bench.Audit;

/// <summary>
/// <c>POST /audit/logs</c> over a month of trail: <c>--entries</c> (default 1,000,000) entries in <c>--days</c>
/// (default 30) daily files written in the node's own format, then each query timed through a real node's REST API
/// and, as the reference in the same run, through <see cref="AuditReader"/> in-process (the time without HTTP).
/// Usage: <c>Citadel.Bench audit-query [--entries N] [--days D] [--repeat R]</c>.
/// </summary>
internal static class AuditQueryBench
{
    private const string ApiKey = "bench-admin-key-0123456789abcdef01234567";
    private static readonly string[] Methods = ["core_search_batch", "upsert_points", "retrieve", "scroll", "count", "query_batch", "get_collection", "set_payload"];

    public static async Task<int> RunAsync(string[] args)
    {
        var entries = BenchArgs.Int(args, "--entries", 1_000_000);
        var days = BenchArgs.Int(args, "--days", 30);
        var repeat = BenchArgs.Int(args, "--repeat", 50);
        var lastDay = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);
        var firstDay = lastDay.AddDays(-(days - 1));
        string? auditDirectory = null;
        var written = Stopwatch.StartNew();
        await using var node = await NodeUnderTest.StartAsync(dir =>
        {
            auditDirectory = Path.Combine(dir, "storage", "audit");
            Generate(auditDirectory, firstDay, days, entries);
            written.Stop();
            return new Dictionary<string, string>
            {
                ["QDRANT__SERVICE__API_KEY"] = ApiKey,
                ["QDRANT__AUDIT__ENABLED"] = "true",
                ["QDRANT__AUDIT__MAX_LOG_FILES"] = (days + 10).ToString(CultureInfo.InvariantCulture),
            };
        });
        using var client = new HttpClient { BaseAddress = node.Rest };
        client.DefaultRequestHeaders.Add("api-key", ApiKey);
        var bytes = Directory.EnumerateFiles(auditDirectory!).Sum(f => new FileInfo(f).Length);

        Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores: {entries:N0} entries, {days} daily files, {bytes / 1e6:N0} MB (written in {written.Elapsed.TotalSeconds:N1} s); {repeat} runs per query");
        Console.WriteLine();
        Console.WriteLine("| query (limit 100) | entries returned | POST /audit/logs p50 / p99 | AuditReader in-process p50 / p99 |");
        Console.WriteLine("| --- | --- | --- | --- |");
        var middle = firstDay.AddDays(days / 2).AddHours(12);
        var scenarios = new (string Name, object Body, AuditQuery Query)[]
        {
            ("newest, no filter", new { limit = 100 }, Query()),
            ("filter result = denied (1 in 50)", new { limit = 100, filters = new { result = "denied" } }, Query(filters: new() { ["result"] = "denied" })),
            ("1-hour window mid-month", new { limit = 100, time_from = Iso(middle), time_to = Iso(middle.AddHours(1)) }, Query(middle, middle.AddHours(1))),
            ("filter matching only the oldest day (full scan)", new { limit = 100, filters = new { collection = "archive" } }, Query(filters: new() { ["collection"] = "archive" })),
        };
        foreach (var (name, body, query) in scenarios)
        {
            var count = 0;
            var rest = await TimeAsync(repeat, async () =>
            {
                using var response = await client.PostAsJsonAsync("/audit/logs", body);
                response.EnsureSuccessStatusCode();
                using var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
                count = doc.RootElement.GetProperty("result").GetProperty("entries").GetArrayLength();
            });
            var local = await TimeAsync(repeat, () =>
            {
                _ = AuditReader.Query(auditDirectory!, query);
                return Task.CompletedTask;
            });
            Console.WriteLine($"| {name} | {count} | {rest.P50:F1} / {rest.P99:F1} ms | {local.P50:F1} / {local.P99:F1} ms |");
        }

        return 0;
    }

    private static AuditQuery Query(DateTimeOffset? from = null, DateTimeOffset? to = null, Dictionary<string, string>? filters = null) =>
        new(100, from, to, filters ?? []);

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Entries spread evenly over the days, a realistic mix; the collection "archive" appears on the first day only.</summary>
    private static void Generate(string directory, DateTimeOffset firstDay, int days, int entries)
    {
        Directory.CreateDirectory(directory);
        var perDay = entries / days;
        var step = TimeSpan.FromDays(1) / perDay;
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var n = 0;
        for (var day = 0; day < days; day++)
        {
            var start = firstDay.AddDays(day);
            using var file = new FileStream(Path.Combine(directory, AuditFiles.NameFor(start, AuditRotationPeriod.Daily)), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
            for (var i = 0; i < perDay; i++, n++)
            {
                var denied = n % 50 == 0;
                AuditEventJson.Write(buffer, new AuditEvent
                {
                    Timestamp = start + (step * i),
                    Method = Methods[n % Methods.Length],
                    Api = $"/collections/c{n % 10}/points/query",
                    AuthType = n % 3 == 0 ? "Jwt" : "ApiKey",
                    Subject = n % 3 == 0 ? $"user-{n % 97}" : null,
                    Remote = $"10.0.{n % 7}.{n % 251}",
                    Collection = day == 0 && i == perDay / 2 ? "archive" : $"c{n % 10}",
                    TracingId = n % 4 == 0 ? $"req-{n:x8}" : null,
                    Allowed = !denied,
                    Error = denied ? $"Forbidden: Access to collection c{n % 10} is denied" : null,
                });
                buffer.Write("\n"u8);
                if (buffer.WrittenCount > 60 * 1024)
                {
                    file.Write(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                }
            }

            file.Write(buffer.WrittenSpan);
            buffer.ResetWrittenCount();
        }
    }

    private static async Task<(double P50, double P99)> TimeAsync(int repeat, Func<Task> run)
    {
        for (var i = 0; i < 3; i++)
        {
            await run();
        }

        var samples = new double[repeat];
        for (var i = 0; i < repeat; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(samples);
        return (samples[repeat / 2], samples[Math.Min(repeat - 1, (int)(repeat * 0.99))]);
    }
}
