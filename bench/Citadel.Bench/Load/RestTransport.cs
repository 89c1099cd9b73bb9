using System.Net.Http.Headers;
using System.Text.Json;

namespace Citadel.Bench.Load;

/// <summary>Qdrant REST over HTTP/1.1 keep-alive, bodies written with Utf8JsonWriter like a lean SDK would.</summary>
internal sealed class RestTransport(Uri baseUri, HttpMessageHandler? handler = null, string? authorization = null, string name = "REST") : ITransport
{
    private readonly HttpClient _client = Create(baseUri, handler, authorization);

    public string Name => name;

    public async Task CreateCollectionAsync(string name, int dim) =>
        await SendAsync(HttpMethod.Put, $"/collections/{name}", w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("vectors");
            w.WriteNumber("size", dim);
            w.WriteString("distance", "Cosine");
            w.WriteEndObject();
            w.WriteEndObject();
        });

    public async Task UpsertAsync(string name, ulong firstId, ReadOnlyMemory<float[]> vectors) =>
        await SendAsync(HttpMethod.Put, $"/collections/{name}/points?wait=true", w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("points");
            var id = firstId;
            foreach (var v in vectors.Span)
            {
                w.WriteStartObject();
                w.WriteNumber("id", id++);
                w.WriteStartArray("vector");
                foreach (var x in v)
                {
                    w.WriteNumberValue(x);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    public async Task<int> SearchAsync(string name, float[] query, bool exact)
    {
        using var doc = await SendAsync(HttpMethod.Post, $"/collections/{name}/points/query", w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("query");
            foreach (var x in query)
            {
                w.WriteNumberValue(x);
            }

            w.WriteEndArray();
            w.WriteNumber("limit", 10);
            if (exact)
            {
                w.WriteStartObject("params");
                w.WriteBoolean("exact", true);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
        return doc.RootElement.GetProperty("result").GetProperty("points").GetArrayLength();
    }

    public Task WaitIndexedAsync(string name) => Poll.UntilAsync(
        async () =>
        {
            using var response = await _client.GetAsync(new Uri($"/collections/{name}", UriKind.Relative));
            using var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            return doc.RootElement.GetProperty("result").GetProperty("status").GetString() == "green";
        },
        TimeSpan.FromMinutes(10),
        $"{name} turning green");

    private static HttpClient Create(Uri baseUri, HttpMessageHandler? handler, string? authorization)
    {
        var client = new HttpClient(handler ?? new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseUri };
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("authorization", authorization);
        }

        return client;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, Action<Utf8JsonWriter> body)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            body(w);
        }

        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        }

        return JsonDocument.Parse(bytes);
    }
}
