using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Citadel.Bench.Load;

/// <summary>
/// The same REST search workload against two nodes in one run, a baseline and a variant (TLS + JWT, audit on, …),
/// alternating rounds so that drift on a shared machine hits both alike. Usage: <c>Citadel.Bench compare-security</c>.
/// </summary>
internal static class ConfigComparison
{
    private const string ApiKey = "bench-admin-key-0123456789abcdef01234567";

    public static async Task<int> RunSecurityAsync(string[] args)
    {
        var points = Option(args, "--points", 20_000);
        var seconds = Option(args, "--seconds", 8);
        var rounds = Option(args, "--rounds", 3);

        var certDirectory = Directory.CreateTempSubdirectory("citadel-bench-tls-").FullName;
        var (cert, key, ca) = BenchCertificates.Write(certDirectory);
        await using var plain = await NodeUnderTest.StartAsync();
        await using var secure = await NodeUnderTest.StartAsync(
            _ => new Dictionary<string, string>
            {
                ["QDRANT__SERVICE__ENABLE_TLS"] = "true",
                ["QDRANT__TLS__CERT"] = cert,
                ["QDRANT__TLS__KEY"] = key,
                ["QDRANT__SERVICE__API_KEY"] = ApiKey,
                ["QDRANT__SERVICE__JWT_RBAC"] = "true",
            },
            handler: BenchCertificates.TrustingHandler(ca));
        var token = Jwt(new { access = new[] { new { collection = "bench", access = "r" } } });
        await using var admin = new RestTransport(secure.Rest, BenchCertificates.TrustingHandler(ca), $"Bearer {ApiKey}");
        await using var baseline = new RestTransport(plain.Rest, name: "plain HTTP, no auth");
        await using var variant = new RestTransport(secure.Rest, BenchCertificates.TrustingHandler(ca), $"Bearer {token}", "TLS + JWT (collection token)");

        var data = Dataset.Vectors(points, 128, seed: 3);
        foreach (var loader in new ITransport[] { baseline, admin })
        {
            await loader.CreateCollectionAsync("bench", 128);
            for (var i = 0; i < points; i += 1024)
            {
                await loader.UpsertAsync("bench", (ulong)i + 1, data.AsMemory(i, Math.Min(1024, points - i)));
            }
        }

        var queries = Dataset.Vectors(256, 128, seed: 4);
        var totals = new Dictionary<string, (long Requests, double Seconds)>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var t in new ITransport[] { baseline, variant })
            {
                var (requests, elapsed) = await DriveAsync(t, queries, TimeSpan.FromSeconds(seconds));
                var sum = totals.GetValueOrDefault(t.Name);
                totals[t.Name] = (sum.Requests + requests, sum.Seconds + elapsed);
            }
        }

        Console.WriteLine($"| configuration | REST exact search, {points:N0} × 128-d, 2 clients | vs baseline |");
        Console.WriteLine("| --- | --- | --- |");
        var baseRps = totals[baseline.Name].Requests / totals[baseline.Name].Seconds;
        foreach (var (name, (requests, elapsed)) in totals)
        {
            var rps = requests / elapsed;
            Console.WriteLine($"| {name} | {rps:N0} req/s | {rps / baseRps:P1} |");
        }

        return 0;
    }

    private static async Task<(long Requests, double Seconds)> DriveAsync(ITransport t, float[][] queries, TimeSpan duration)
    {
        long count = 0;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async worker =>
        {
            var i = worker;
            while (sw.Elapsed < duration)
            {
                await t.SearchAsync("bench", queries[i++ % queries.Length]);
                Interlocked.Increment(ref count);
            }
        }));
        return (count, sw.Elapsed.TotalSeconds);
    }

    private static string Jwt(object payload)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var signed = $"{B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8.ToArray())}.{B64(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(payload))}";
        return $"{signed}.{B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApiKey), Encoding.ASCII.GetBytes(signed)))}";
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
