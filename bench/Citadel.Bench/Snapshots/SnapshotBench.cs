using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Citadel.Bench.Load;
using Citadel.Grpc;
using Grpc.Net.Client;

namespace Citadel.Bench.Snapshots;

/// <summary>
/// Snapshot throughput of a real node: create (checkpoint + archive + sha256), recover from <c>file://</c> (unpack +
/// open + swap) and upload-and-recover (multipart over loopback + the same restore), in MB/s of the archive.
/// <c>dotnet run -c Release --project bench/Citadel.Bench -- snapshot [--n 100000] [--dim 768] [--reps 3]</c>.
/// </summary>
internal static class SnapshotBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var n = BenchArgs.Int(args, "--n", 100_000);
        var dim = BenchArgs.Int(args, "--dim", 768);
        var reps = BenchArgs.Int(args, "--reps", 3);
        await using var node = await NodeUnderTest.StartAsync();
        using var http = new HttpClient { BaseAddress = node.Rest, Timeout = TimeSpan.FromMinutes(30) };
        await LoadAsync(node.GrpcPort, n, dim);
        Console.WriteLine($"snapshot bench: {n} points x {dim}-d float32 with payloads, {Environment.ProcessorCount} cores");
        Console.WriteLine("| run | archive MB | create s | create MB/s | recover file:// s | recover MB/s | upload+recover s | upload+recover MB/s |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (var rep = 1; rep <= reps; rep++)
        {
            var watch = Stopwatch.StartNew();
            var created = await SendAsync(http, HttpMethod.Post, "/collections/bench/snapshots", null);
            var create = watch.Elapsed.TotalSeconds;
            var name = created.GetProperty("name").GetString()!;
            var mb = created.GetProperty("size").GetInt64() / 1e6;
            var path = Path.Combine(node.Directory, "snapshots", "bench", name);

            watch.Restart();
            await SendAsync(http, HttpMethod.Put, "/collections/restored/snapshots/recover", new StringContent($$"""{"location":"file://{{path}}"}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")));
            var recover = watch.Elapsed.TotalSeconds;

            watch.Restart();
            await using (var file = File.OpenRead(path))
            {
                var form = new MultipartFormDataContent { { new StreamContent(file), "snapshot", name } };
                await SendAsync(http, HttpMethod.Post, "/collections/uploaded/snapshots/upload", form);
            }

            var upload = watch.Elapsed.TotalSeconds;
            File.Delete(path);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {rep} | {mb:F0} | {create:F2} | {mb / create:F0} | {recover:F2} | {mb / recover:F0} | {upload:F2} | {mb / upload:F0} |"));
        }

        return 0;
    }

    private static async Task LoadAsync(int grpcPort, int n, int dim)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}", new GrpcChannelOptions { MaxSendMessageSize = null });
        await new Collections.CollectionsClient(channel).CreateAsync(new CreateCollection
        {
            CollectionName = "bench",
            VectorsConfig = new VectorsConfig { Params = new VectorParams { Size = (ulong)dim, Distance = Distance.Cosine } },
        });
        var points = new Points.PointsClient(channel);
        var vectors = Dataset.Vectors(n, dim, seed: 7);
        for (var first = 0; first < n; first += 1000)
        {
            var request = new UpsertPoints { CollectionName = "bench", Wait = true };
            for (var i = first; i < Math.Min(n, first + 1000); i++)
            {
                var dense = new DenseVector();
                dense.Data.Add(vectors[i]);
                var point = new PointStruct { Id = new PointId { Num = (ulong)i + 1 }, Vectors = new Vectors { Vector = new Vector { Dense = dense } } };
                point.Payload.Add("i", new Value { IntegerValue = i });
                point.Payload.Add("tag", new Value { StringValue = $"tag-{i % 100}" });
                point.Payload.Add("text", new Value { StringValue = $"point number {i} of the snapshot benchmark" });
                request.Points.Add(point);
            }

            await points.UpsertAsync(request);
        }
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.GetProperty("result").Clone()
            : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    }
}
