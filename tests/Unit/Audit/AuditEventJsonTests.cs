using System.Buffers;
using System.Text;
using System.Text.Json;
using Citadel.Audit;

namespace Citadel.Tests.Unit.Audit;

public sealed class AuditEventJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 17, 1, 2, 123, 456, TimeSpan.Zero);

    [Fact]
    public void AllowedEntry_HasQdrantsFieldsInOrder_WithoutError()
    {
        var line = Write(new AuditEvent { Timestamp = At, Method = "upsert_points", Api = "/collections/c/points", AuthType = "Jwt", Subject = "alice", Remote = "10.0.0.1", Collection = "c", TracingId = "t-1", Allowed = true });
        Assert.Equal("""{"timestamp":"2026-11-23T17:01:02.123456Z","method":"upsert_points","api":"/collections/c/points","auth_type":"Jwt","subject":"alice","remote":"10.0.0.1","collection":"c","tracing_id":"t-1","result":"ok"}""", line);
    }

    [Fact]
    public void RefusedBeforeRouting_HasNoMethodButAnApiAndAnError()
    {
        var line = Write(new AuditEvent { Timestamp = At, Api = "/collections", AuthType = "None", Allowed = false, Error = "Unauthorized: Must provide an API key or an Authorization bearer token" });
        using var doc = JsonDocument.Parse(line);
        Assert.Equal(["timestamp", "api", "auth_type", "result", "error"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("denied", doc.RootElement.GetProperty("result").GetString());
    }

    [Theory]
    [InlineData("abc\"}\n{\"result\":\"ok\"}")]
    [InlineData("line1\r\nline2")]
    [InlineData("\u0000\u0001\u001b[31mred")]
    [InlineData("\\\"")]
    [InlineData("日本語 \u2028 \u2029")]
    public void HostileValues_StayInsideOneLineAndOneField(string hostile)
    {
        var line = Write(new AuditEvent { Timestamp = At, Method = "scroll", AuthType = "ApiKey", TracingId = hostile, Subject = hostile, Remote = hostile, Allowed = true });
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        using var doc = JsonDocument.Parse(line);
        Assert.Equal(hostile, doc.RootElement.GetProperty("tracing_id").GetString());
        Assert.Equal("ok", doc.RootElement.GetProperty("result").GetString());
        Assert.Equal(7, doc.RootElement.EnumerateObject().Count());
    }

    [Fact]
    public void Timestamp_IsReadBackFromTheLine() =>
        Assert.Equal(At, AuditEventJson.ReadTimestamp(Encoding.UTF8.GetBytes(Write(new AuditEvent { Timestamp = At, AuthType = "None", Allowed = true }))));

    [Fact]
    public void EveryWrittenTimestamp_IsReadBackExactly()
    {
        // The in-place decoder and the encoder must agree to the microsecond across days, months, leap years and offsets.
        var random = new Random(11);
        for (var i = 0; i < 2_000; i++)
        {
            var t = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 365 * 60) / 10 * 10);
            var line = Write(new AuditEvent { Timestamp = t.ToOffset(TimeSpan.FromHours(random.Next(-12, 13))), AuthType = "None", Allowed = true });

            // The hand-written encoder agrees with .NET's own formatting of the same instant in UTC.
            Assert.StartsWith($"{{\"timestamp\":\"{t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)}\"", line, StringComparison.Ordinal);
            Assert.Equal(t, AuditEventJson.ReadTimestamp(Encoding.UTF8.GetBytes(line)));
        }
    }

    [Theory]
    [InlineData("{\"timestamp\":\"2026-11-23T17:01:02.123456789Z\",\"result\":\"ok\"}", "2026-11-23T17:01:02.1234568Z")]
    [InlineData("{\"timestamp\":\"2026-11-23T17:01:02.123456+00:00\",\"result\":\"ok\"}", "2026-11-23T17:01:02.123456Z")]
    [InlineData("{\"timestamp\":\"2026-11-23T17:01:02Z\",\"result\":\"ok\"}", "2026-11-23T17:01:02Z")]
    public void QdrantWrittenTimestamps_WithNanosecondsOrOffsets_AreReadToo(string line, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), AuditEventJson.ReadTimestamp(Encoding.UTF8.GetBytes(line)));

    [Theory]
    [InlineData("")]
    [InlineData("{\"timestamp\":\"2026-02-30T17:01:02.123456Z\"}")]
    [InlineData("{\"timestamp\":\"2026-11-23T24:01:02.123456Z\"}")]
    [InlineData("{\"timestamp\":\"2026-11-23T17:01:02.12345xZ\"}")]
    [InlineData("{\"timest")]
    [InlineData("not json")]
    [InlineData("{\"api\":\"x\"}")]
    public void TornOrForeignLines_HaveNoTimestamp(string line) => Assert.Null(AuditEventJson.ReadTimestamp(Encoding.UTF8.GetBytes(line)));

    private static string Write(AuditEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>();
        AuditEventJson.Write(buffer, e);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
