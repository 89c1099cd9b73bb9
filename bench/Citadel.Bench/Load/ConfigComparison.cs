using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Citadel.Bench.Load;

/// <summary>
/// The same REST search workload against two nodes in one run, a baseline and a variant, alternating rounds so that
/// drift on a shared machine hits both alike.
/// <c>Citadel.Bench compare-security</c>: plain HTTP without auth against TLS + a collection JWT.
/// <c>Citadel.Bench compare-audit</c>: API key with audit off against API key with audit on (the auth cost is the
/// same on both sides, so the difference is the audit trail alone).
/// Options: <c>--points N --seconds S --rounds R</c>.
/// </summary>
internal static class ConfigComparison
{
    private const string ApiKey = "bench-admin-key-0123456789abcdef01234567";
    private const string Collection = "bench";
    private const int Clients = 2;

    public static async Task<int> RunSecurityAsync(string[] args)
    {
        var certDirectory = Directory.CreateTempSubdirectory("citadel-bench-tls-").FullName;
        var (cert, key, ca) = BenchCertificates.Write(certDirectory);
        var token = BenchJwt.Mint(ApiKey, new { access = new[] { new { collection = Collection, access = "r" } } });
        var plain = new Arm("plain HTTP, no auth", new Dictionary<string, string>(), null, null, null);
        var secure = new Arm(
            "TLS + JWT (collection token)",
            new Dictionary<string, string>
            {
                ["QDRANT__SERVICE__ENABLE_TLS"] = "true",
                ["QDRANT__TLS__CERT"] = cert,
                ["QDRANT__TLS__KEY"] = key,
                ["QDRANT__SERVICE__API_KEY"] = ApiKey,
                ["QDRANT__SERVICE__JWT_RBAC"] = "true",
            },
            ca,
            $"Bearer {ApiKey}",
            $"Bearer {token}");
        return await CompareAsync(args, plain, secure);
    }

    public static async Task<int> RunAuditAsync(string[] args)
    {
        var keyed = new Dictionary<string, string> { ["QDRANT__SERVICE__API_KEY"] = ApiKey };
        var off = new Arm("API key, audit off", keyed, null, $"Bearer {ApiKey}", $"Bearer {ApiKey}");
        var on = off with
        {
            Name = "API key, audit on",
            Environment = new Dictionary<string, string>(keyed) { ["QDRANT__AUDIT__ENABLED"] = "true" },
        };
        return await CompareAsync(args, off, on);
    }

    private static async Task<int> CompareAsync(string[] args, Arm baselineArm, Arm variantArm)
    {
        var points = BenchArgs.Int(args, "--points", 20_000);
        var seconds = BenchArgs.Int(args, "--seconds", 8);
        var rounds = BenchArgs.Int(args, "--rounds", 3);

        await using var baselineNode = await baselineArm.StartAsync();
        await using var variantNode = await variantArm.StartAsync();
        await using var baselineAdmin = baselineArm.Client(baselineNode, baselineArm.AdminAuthorization, "loader");
        await using var variantAdmin = variantArm.Client(variantNode, variantArm.AdminAuthorization, "loader");
        await using var baseline = baselineArm.Client(baselineNode, baselineArm.SearchAuthorization, baselineArm.Name);
        await using var variant = variantArm.Client(variantNode, variantArm.SearchAuthorization, variantArm.Name);

        var data = Dataset.Vectors(points, 128, seed: 3);
        foreach (var loader in new[] { baselineAdmin, variantAdmin })
        {
            await loader.CreateCollectionAsync(Collection, 128);
            for (var i = 0; i < points; i += 1024)
            {
                await loader.UpsertAsync(Collection, (ulong)i + 1, data.AsMemory(i, Math.Min(1024, points - i)));
            }

            // Both nodes search the finished HNSW index, not one a scan while its optimizer still builds.
            await loader.WaitGreenAsync(Collection, TimeSpan.FromMinutes(5));
        }

        var queries = Dataset.Vectors(256, 128, seed: 4);
        var totals = new Dictionary<string, (long Requests, double Seconds)>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var t in new[] { baseline, variant })
            {
                var (requests, elapsed) = await DriveAsync(t, queries, TimeSpan.FromSeconds(seconds));
                var sum = totals.GetValueOrDefault(t.Name);
                totals[t.Name] = (sum.Requests + requests, sum.Seconds + elapsed);
            }
        }

        Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores, {rounds} × {seconds} s per configuration");
        Console.WriteLine();
        Console.WriteLine($"| configuration | REST top-10 search (HNSW), {points:N0} × 128-d, {Clients} clients | vs baseline |");
        Console.WriteLine("| --- | --- | --- |");
        var baseRps = totals[baseline.Name].Requests / totals[baseline.Name].Seconds;
        foreach (var (name, (requests, elapsed)) in totals)
        {
            var rps = requests / elapsed;
            Console.WriteLine($"| {name} | {rps:N0} req/s | {rps / baseRps:P1} |");
        }

        return 0;
    }

    private static async Task<(long Requests, double Seconds)> DriveAsync(RestTransport t, float[][] queries, TimeSpan duration)
    {
        long count = 0;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async worker =>
        {
            var i = worker;
            while (sw.Elapsed < duration)
            {
                await t.SearchAsync(Collection, queries[i++ % queries.Length], exact: false);
                Interlocked.Increment(ref count);
            }
        }));
        return (count, sw.Elapsed.TotalSeconds);
    }



    /// <summary>
    /// One side of a comparison: the node's environment, the CA to trust when it speaks TLS, and the credentials the
    /// loader (admin) and the measured clients send.
    /// </summary>
    private sealed record Arm(string Name, IDictionary<string, string> Environment, X509Certificate2? TrustedCa, string? AdminAuthorization, string? SearchAuthorization)
    {
        public Task<NodeUnderTest> StartAsync() =>
            NodeUnderTest.StartAsync(_ => Environment, TrustedCa is null ? null : BenchCertificates.TrustingHandler(TrustedCa));

        public RestTransport Client(NodeUnderTest node, string? authorization, string name) =>
            new(node.Rest, TrustedCa is null ? null : BenchCertificates.TrustingHandler(TrustedCa), authorization, name);
    }
}
