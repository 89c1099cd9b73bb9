using System.Globalization;
using System.Buffers;
using System.Text;
using Citadel.Audit;
using Citadel.Common.Errors;

namespace Citadel.Tests.Unit.Audit;

public sealed class AuditReaderTests : IDisposable
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("citadel-audit-read-").FullName;

    public AuditReaderTests()
    {
        // Three daily files, one entry every 10 minutes, alternating ok/denied and two collections.
        for (var day = 0; day < 3; day++)
        {
            var buffer = new ArrayBufferWriter<byte>();
            for (var i = 0; i < 144; i++)
            {
                var at = Day1.AddDays(day).AddMinutes(10 * i);
                AuditEventJson.Write(buffer, new AuditEvent
                {
                    Timestamp = at,
                    Method = i % 3 == 0 ? "upsert_points" : "query_batch",
                    AuthType = "ApiKey",
                    Collection = i % 2 == 0 ? "a" : "b",
                    Allowed = i % 4 != 0,
                    Error = i % 4 != 0 ? null : "Forbidden: Global manage access is required",
                });
                buffer.Write("\n"u8);
            }

            File.WriteAllBytes(Path.Combine(_dir, AuditFiles.NameFor(Day1.AddDays(day), AuditRotationPeriod.Daily)), buffer.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void Query_ReturnsNewestFirstAcrossFiles_UpToTheLimit()
    {
        var entries = AuditReader.Query(_dir, new AuditQuery(200, null, null, new Dictionary<string, string>()));
        Assert.Equal(200, entries.Count);
        Assert.Equal(Day1.AddDays(3).AddMinutes(-10), entries[0].Timestamp);
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.Timestamp > p.Second.Timestamp));
        Assert.Contains(entries, e => e.Timestamp.Day == Day1.AddDays(1).Day);
    }

    [Fact]
    public void TimeRange_IsInclusiveFromAndExclusiveTo()
    {
        var from = Day1.AddDays(1).AddHours(1);
        var to = Day1.AddDays(1).AddHours(2);
        var entries = AuditReader.Query(_dir, new AuditQuery(100, from, to, new Dictionary<string, string>()));
        Assert.Equal(6, entries.Count);
        Assert.Equal(from, entries[^1].Timestamp);
        Assert.DoesNotContain(entries, e => e.Timestamp >= to);
    }

    [Fact]
    public void Filters_AreExactAndAnded()
    {
        var filters = new Dictionary<string, string> { ["result"] = "denied", ["collection"] = "a", ["method"] = "upsert_points" };
        var entries = AuditReader.Query(_dir, new AuditQuery(10_000, null, null, filters));
        Assert.Equal(3 * 12, entries.Count);
        Assert.All(entries, e => Assert.Contains("\"result\":\"denied\"", e.Json, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Result", "denied")]
    [InlineData("timestamp", "x")]
    [InlineData("unknown", "x")]
    [InlineData("subject", "alice")]
    public void UnknownMiscasedOrAbsentFields_MatchNothing(string field, string value) =>
        Assert.Empty(AuditReader.Query(_dir, new AuditQuery(100, null, null, new Dictionary<string, string> { [field] = value })));

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void LimitOutOfRange_IsAValidationError(int limit) =>
        Assert.Equal(ErrorKind.Validation, Assert.Throws<CitadelException>(() => new AuditQuery(limit, null, null, new Dictionary<string, string>()).Validated()).Kind);

    [Fact]
    public void TornLastLine_IsIgnored()
    {
        File.AppendAllText(Path.Combine(_dir, AuditFiles.NameFor(Day1.AddDays(2), AuditRotationPeriod.Daily)), "{\"timestamp\":\"2026-11-22T23:59:59.0Z\",\"meth");
        var entries = AuditReader.Query(_dir, new AuditQuery(1, null, null, new Dictionary<string, string>()));
        Assert.Equal(Day1.AddDays(3).AddMinutes(-10), entries.Single().Timestamp);
    }

    [Fact]
    public void ManyBlocksAndALineLongerThanABlock_AreReadBackIntact()
    {
        // 4,000 entries span many 64 KB read blocks; one 200 KB tracing id is a line longer than a block.
        var day = Day1.AddDays(5);
        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0; i < 4_000; i++)
        {
            AuditEventJson.Write(buffer, new AuditEvent
            {
                Timestamp = day.AddSeconds(i),
                AuthType = "ApiKey",
                TracingId = i == 1_234 ? new string('x', 200_000) : $"req-{i}",
                Allowed = true,
            });
            buffer.Write("\n"u8);
        }

        File.WriteAllBytes(Path.Combine(_dir, AuditFiles.NameFor(day, AuditRotationPeriod.Daily)), buffer.WrittenSpan.ToArray());
        var entries = AuditReader.Query(_dir, new AuditQuery(10_000, day, day.AddDays(1), new Dictionary<string, string>()));
        Assert.Equal(4_000, entries.Count);
        Assert.Equal(Enumerable.Range(0, 4_000).Reverse().Select(i => i == 1_234 ? new string('x', 200_000) : $"req-{i}"),
            entries.Select(e => System.Text.Json.JsonDocument.Parse(e.Json).RootElement.GetProperty("tracing_id").GetString()));
    }

    [Theory]
    [InlineData("Zoë <admin> & 'ops' + `x`")]
    [InlineData("quote\" and \\ backslash")]
    [InlineData("日本語")]
    public void FilterValuesThatWritersEscape_MatchOurLinesAndQdrants(string subject)
    {
        // Ours escapes HTML-sensitive and non-ASCII characters; serde_json (Qdrant's files) writes them verbatim.
        var day = Day1.AddDays(7);
        var buffer = new ArrayBufferWriter<byte>();
        AuditEventJson.Write(buffer, new AuditEvent { Timestamp = day, AuthType = "Jwt", Subject = subject, Allowed = true });
        var serde = $"{{\"timestamp\":\"{day.AddSeconds(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)}\",\"auth_type\":\"Jwt\",\"subject\":\"{subject.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\",\"result\":\"ok\"}}";
        File.WriteAllText(Path.Combine(_dir, AuditFiles.NameFor(day, AuditRotationPeriod.Daily)), $"{Encoding.UTF8.GetString(buffer.WrittenSpan)}\n{serde}\n");
        var entries = AuditReader.Query(_dir, new AuditQuery(10, null, null, new Dictionary<string, string> { ["subject"] = subject }));
        Assert.Equal([day.AddSeconds(1), day], entries.Select(e => e.Timestamp));
    }

    [Fact]
    public void AFilterValueFoundInAnotherField_DoesNotMatch() =>
        Assert.Empty(AuditReader.Query(_dir, new AuditQuery(100, null, null, new Dictionary<string, string> { ["method"] = "a" })));

    [Fact]
    public void Merge_OrdersPeersNewestFirst_ThenTruncates()
    {
        var a = new[] { Record(5), Record(3), Record(1) };
        var b = new[] { Record(4), Record(2) };
        var merged = AuditReader.Merge([a, b], 4);
        Assert.Equal([5, 4, 3, 2], merged.Select(r => r.Timestamp.Minute));
    }

    [Fact]
    public void AnEmptyOrMissingDirectory_HasNoEntries() =>
        Assert.Empty(AuditReader.Query(Path.Combine(_dir, "nope"), new AuditQuery(10, null, null, new Dictionary<string, string>())));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static AuditRecord Record(int minute) => new(Day1.AddMinutes(minute), Encoding.UTF8.GetString([]) + minute);
}
