using System.Net;
using System.Text.Json;

namespace Citadel.Tests.Integration.Observability;

/// <summary><c>/quotas</c> and <c>/logger</c>: shapes, validation, persistence, and who may change them.</summary>
public sealed class QuotaAndLoggerTests(OperableNodeFixture fixture) : IClassFixture<OperableNodeFixture>
{
    [Fact]
    public async Task Quotas_ReportConfigAndUsage_AndAChangeIsPersistedUnderStorage()
    {
        var before = await fixture.ResultAsync("/quotas", OperableNodeFixture.ReadOnly);
        Assert.True(before.GetProperty("usage").TryGetProperty("disk_usage_percent", out _));
        Assert.True(before.GetProperty("usage").TryGetProperty("resident_memory_percent", out _));

        var (status, body, _) = await fixture.SendAsync(HttpMethod.Put, "/quotas?wait=true", OperableNodeFixture.Admin, """{"enabled":true,"max_disk_usage_percent":95,"release_margin_percent":5}""");
        Assert.True(status == HttpStatusCode.OK, body);

        var config = (await fixture.ResultAsync("/quotas", OperableNodeFixture.Admin)).GetProperty("config");
        Assert.True(config.GetProperty("enabled").GetBoolean());
        Assert.Equal(95, config.GetProperty("max_disk_usage_percent").GetInt32());
        Assert.Equal(JsonValueKind.Null, config.GetProperty("max_resident_memory_percent").ValueKind);
        using var stored = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(fixture.Node.WorkingDirectory, "storage", "quota.json")));
        Assert.Equal(95, stored.RootElement.GetProperty("max_disk_usage_percent").GetInt32());

        var telemetry = await fixture.ResultAsync("/telemetry", OperableNodeFixture.Admin);
        Assert.True(telemetry.GetProperty("quota").GetProperty("exceeded").TryGetProperty("disk_usage", out _));
    }

    [Theory]
    [InlineData("""{"max_disk_usage_percent":0}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"max_resident_memory_percent":101}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"enabled":"yes"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"max_cpu_percent":5}""", HttpStatusCode.BadRequest)]
    public async Task InvalidQuotaConfig_IsRefused(string body, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await fixture.SendAsync(HttpMethod.Put, "/quotas", OperableNodeFixture.Admin, body)).Status);
    }

    [Fact]
    public async Task QuotaChanges_NeedManage_AndScopedTokensCannotRead()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.SendAsync(HttpMethod.Put, "/quotas", OperableNodeFixture.ReadOnly, "{}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.SendAsync(HttpMethod.Get, "/quotas", OperableNodeFixture.Scoped)).Status);
    }

    [Fact]
    public async Task Logger_ReportsLevels_AndChangesThemAtRunTime()
    {
        var before = await fixture.ResultAsync("/logger", OperableNodeFixture.ReadOnly);
        Assert.Equal("TRACE", before.GetProperty("log_level").GetString());
        Assert.Equal("text", before.GetProperty("format").GetString());
        Assert.False(before.GetProperty("on_disk").GetProperty("enabled").GetBoolean());

        var (status, body, _) = await fixture.SendAsync(HttpMethod.Post, "/logger", OperableNodeFixture.Admin, """{"log_level":"warn","span_events":["new"]}""");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal("WARN", (await fixture.ResultAsync("/logger", OperableNodeFixture.Admin)).GetProperty("log_level").GetString());

        // Debug request lines stop while the level is WARN, and come back with DEBUG.
        var marker = "/collections/quiet-" + Guid.NewGuid().ToString("N");
        await fixture.SendAsync(HttpMethod.Get, marker, OperableNodeFixture.Admin);

        // The request line is written after the response leaves: let it be decided before the level changes.
        await Task.Delay(300);
        await fixture.SendAsync(HttpMethod.Post, "/logger", OperableNodeFixture.Admin, """{"log_level":"DEBUG"}""");
        var loud = "/collections/loud-" + Guid.NewGuid().ToString("N");
        await fixture.SendAsync(HttpMethod.Get, loud, OperableNodeFixture.Admin);
        await Task.Delay(200);
        var log = fixture.Node.ReadLog();
        Assert.DoesNotContain(marker, log, StringComparison.Ordinal);
        Assert.Contains(loud, log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"log_level":"info,storage=debug"}""")]
    [InlineData("""{"log_level":"verbose"}""")]
    [InlineData("""{"format":"json"}""")]
    public async Task UnsupportedLoggerChanges_Are400(string body)
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.SendAsync(HttpMethod.Post, "/logger", OperableNodeFixture.Admin, body)).Status);
    }

    [Fact]
    public async Task LoggerChanges_NeedManage()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.SendAsync(HttpMethod.Post, "/logger", OperableNodeFixture.ReadOnly, """{"log_level":"INFO"}""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.SendAsync(HttpMethod.Get, "/logger", OperableNodeFixture.Scoped)).Status);
    }
}
