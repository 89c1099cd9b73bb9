using System.Diagnostics;

namespace Citadel.Bench.Load;

/// <summary>
/// End-to-end load runs against a real node, with the in-process engine as the reference in the same run:
/// upsert throughput (batches of 256, wait=true) and exact-search latency.
/// Usage: <c>Citadel.Bench load [--points-128 N] [--points-768 N] [--search-points N] [--queries N]</c>.
/// </summary>
internal static class LoadDriver
{
    public static async Task<int> RunAsync(string[] args)
    {
        var points128 = BenchArgs.Int(args, "--points-128", 50_000);
        var points768 = BenchArgs.Int(args, "--points-768", 20_000);
        var searchPoints = BenchArgs.Int(args, "--search-points", 100_000);
        var queries = BenchArgs.Int(args, "--queries", 500);

        await using var node = await NodeUnderTest.StartAsync();
        var transports = new Func<ITransport>[]
        {
            () => new EngineTransport(),
            () => new RestTransport(node.Rest),
            () => new GrpcTransport(node.GrpcPort),
        };

        Console.WriteLine($"# Citadel load run {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| scenario | transport | result |");
        Console.WriteLine("| --- | --- | --- |");
        var run = 0;
        foreach (var make in transports)
        {
            await using var t = make();
            foreach (var (dim, count) in new[] { (128, points128), (768, points768) })
            {
                var name = $"upsert_{dim}_{run++}";
                await t.CreateCollectionAsync(name, dim);
                var data = Dataset.Vectors(count, dim, seed: dim);
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < count; i += 256)
                {
                    await t.UpsertAsync(name, (ulong)i + 1, data.AsMemory(i, Math.Min(256, count - i)));
                }

                Row($"upsert {count:N0} × {dim}-d, batch 256, wait=true", t.Name, $"{count / sw.Elapsed.TotalSeconds:N0} points/s");

                // Indexing this collection in the background must not slow down the next measurement.
                await t.WaitIndexedAsync(name);
            }

            var searchName = $"search_{run++}";
            await t.CreateCollectionAsync(searchName, 128);
            var corpus = Dataset.Vectors(searchPoints, 128, seed: 7);
            for (var i = 0; i < searchPoints; i += 1024)
            {
                await t.UpsertAsync(searchName, (ulong)i + 1, corpus.AsMemory(i, Math.Min(1024, searchPoints - i)));
            }

            await t.WaitIndexedAsync(searchName);
            var qs = Dataset.Vectors(queries, 128, seed: 8);
            foreach (var concurrency in new[] { 1, 2 })
            {
                var latencies = new double[queries];
                var next = -1;
                var wall = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
                {
                    int q;
                    while ((q = Interlocked.Increment(ref next)) < queries)
                    {
                        var start = Stopwatch.GetTimestamp();
                        await t.SearchAsync(searchName, qs[q], exact: true);
                        latencies[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    }
                }));
                Array.Sort(latencies);
                Row($"exact top-10 search, {searchPoints:N0} × 128-d, {concurrency} client(s)", t.Name,
                    $"p50 {latencies[queries / 2]:F2} ms, p99 {latencies[(int)(queries * 0.99)]:F2} ms, {queries / wall.Elapsed.TotalSeconds:N0} q/s");
            }
        }

        return 0;
    }

    private static void Row(string scenario, string transport, string result) =>
        Console.WriteLine($"| {scenario} | {transport} | {result} |");
}
