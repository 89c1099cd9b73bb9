using System.Net;
using System.Text;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Integration.Hostile;

/// <summary>
/// A 100 MB body (over the default 32 MB <c>service.max_request_size_mb</c>) is refused with Qdrant's 400 before the
/// node has read it all and without the node holding it in memory; the node stays healthy. Each test has its own
/// node so that its peak memory says something about this request alone.
/// </summary>
public sealed class OversizedBodyTests
{
    private const long HundredMegabytes = 100L * 1024 * 1024;
    private const long Limit = 32L * 1024 * 1024;
    private const long AllowedPeakGrowth = 80L * 1024 * 1024;

    [Fact]
    public async Task HundredMegabyteBody_WithContentLength_IsRejectedWith400BeforeItIsRead()
    {
        await using var node = await StartWithCollectionAsync();
        var peakBefore = node.PeakResidentBytes();

        var answer = await RawHttp.SendLargeBodyAsync(node.HttpPort, "PUT", "/collections/big/points", HundredMegabytes, chunked: false, TimeSpan.FromSeconds(60));

        await AssertRejectedAsync(answer, $"Format error in JSON body: JSON payload ({HundredMegabytes} bytes) is larger than allowed (limit: {Limit} bytes).");
        await AssertHealthyWithinMemoryAsync(node, peakBefore);
    }

    [Fact]
    public async Task HundredMegabyteBody_Chunked_IsRejectedWith400WithoutBufferingItAll()
    {
        await using var node = await StartWithCollectionAsync();
        var peakBefore = node.PeakResidentBytes();

        var answer = await RawHttp.SendLargeBodyAsync(node.HttpPort, "PUT", "/collections/big/points", HundredMegabytes, chunked: true, TimeSpan.FromSeconds(60));

        await AssertRejectedAsync(answer, $"Format error in JSON body: JSON payload has exceeded limit ({Limit} bytes).");
        await AssertHealthyWithinMemoryAsync(node, peakBefore);
    }

    private static async Task<NodeProcess> StartWithCollectionAsync()
    {
        var node = await NodeProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = node.BaseUri };
        using var created = await http.PutAsync(new Uri("collections/big", UriKind.Relative),
            new StringContent("""{"vectors":{"size":4,"distance":"Dot"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return node;
    }

    private static async Task AssertRejectedAsync(RawHttp.Answer answer, string message)
    {
        Assert.True(answer.Status == 400, $"expected 400, got {answer.Status}: {answer.Body}");
        using var response = new HttpResponseMessage((HttpStatusCode)answer.Status)
        {
            Content = new StringContent(answer.Body, Encoding.UTF8, "application/json"),
        };
        Assert.Equal(message, await HostileInputTests.AssertErrorEnvelopeAsync(response, HttpStatusCode.BadRequest));
        Assert.True(answer.BytesSent < answer.BytesOffered, $"the node answered only after all {answer.BytesOffered} bytes were sent");
    }

    private static async Task AssertHealthyWithinMemoryAsync(NodeProcess node, long peakBefore)
    {
        using var http = new HttpClient { BaseAddress = node.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        using var list = await http.GetAsync(new Uri("collections", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var upsert = await http.PutAsync(new Uri("collections/big/points?wait=true", UriKind.Relative),
            new StringContent("""{"points":[{"id":1,"vector":[1,2,3,4]}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, upsert.StatusCode);
        Assert.False(node.HasExited);

        var growth = node.PeakResidentBytes() - peakBefore;
        Assert.True(growth < AllowedPeakGrowth, $"peak resident memory grew by {growth / (1024 * 1024)} MB for a rejected body");
    }
}
