using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace Citadel.Bench.Load;

/// <summary>
/// The same REST search workload against nodes in different configurations in one run (method on
/// <see cref="CompareAsync"/>).
/// <c>Citadel.Bench compare-security</c>: plain HTTP without auth against TLS, JWT, and TLS + a collection JWT.
/// <c>Citadel.Bench compare-audit</c>: API key with audit off against API key with audit on (the auth cost is the
/// same on both sides, so the difference is the audit trail alone).
/// Options: <c>--points N --processes P --rounds R --slice S --clients C --node-cpus LIST</c> (and
/// <c>--audit-dir DIR</c> for compare-audit); with
/// <c>--node-cpus</c> each node runs on those cores only (taskset), so pinning the driver to the others
/// (<c>taskset -c 0 dotnet run …</c>) charges client-side TLS to the client, as on separate machines.
/// </summary>
internal static class ConfigComparison
{
    private const string ApiKey = "bench-admin-key-0123456789abcdef01234567";
    private const string Collection = "bench";

    public static async Task<int> RunSecurityAsync(string[] args)
    {
        var certDirectory = Directory.CreateTempSubdirectory("citadel-bench-tls-").FullName;
        var (cert, key, ca) = BenchCertificates.Write(certDirectory);
        var token = $"Bearer {BenchJwt.Mint(ApiKey, new { access = new[] { new { collection = Collection, access = "r" } } })}";
        var tls = new Dictionary<string, string>
        {
            ["QDRANT__SERVICE__ENABLE_TLS"] = "true",
            ["QDRANT__TLS__CERT"] = cert,
            ["QDRANT__TLS__KEY"] = key,
        };
        var jwt = new Dictionary<string, string> { ["QDRANT__SERVICE__API_KEY"] = ApiKey, ["QDRANT__SERVICE__JWT_RBAC"] = "true" };

        // TLS alone and JWT alone as well, so the table shows where the cost of the combination comes from, and a
        // second baseline on other processes, which shows the measurement's noise.
        return await CompareAsync(
            args,
            new Arm("plain HTTP, no auth", new Dictionary<string, string>(), null, null, null),
            new Arm("plain HTTP, no auth (control: other processes)", new Dictionary<string, string>(), null, null, null),
            new Arm("TLS, no auth", tls, ca, null, null),
            new Arm("plain HTTP + JWT (collection token)", jwt, null, $"Bearer {ApiKey}", token),
            new Arm("TLS + JWT (collection token)", tls.Concat(jwt).ToDictionary(), ca, $"Bearer {ApiKey}", token));
    }

    public static async Task<int> RunAuditAsync(string[] args)
    {
        var keyed = new Dictionary<string, string> { ["QDRANT__SERVICE__API_KEY"] = ApiKey };
        var off = new Arm("API key, audit off", keyed, null, $"Bearer {ApiKey}", $"Bearer {ApiKey}");
        // --audit-dir puts every audit-on node's trail under that directory (e.g. a tmpfs, to separate the file
        // system's share of the cost); by default it is the node's own ./storage/audit.
        var on = off with
        {
            Name = "API key, audit on",
            Environment = new Dictionary<string, string>(keyed) { ["QDRANT__AUDIT__ENABLED"] = "true" },
            AuditRoot = BenchArgs.Text(args, "--audit-dir"),
        };
        return await CompareAsync(args, off, off with { Name = "API key, audit off (control: other processes)" }, on);
    }

    /// <summary>
    /// Runs every arm, the first being the baseline. Two processes with identical settings differed by up to 10 % in
    /// CPU per request (JIT, PGO, memory layout), and this machine's speed drifts over tens of seconds; so each arm
    /// gets several node processes (group i: the i-th process of every arm), all loaded and warmed up front, the
    /// arms take turns slice by slice, and the report compares them group by group (<see cref="Report"/>).
    /// </summary>
    private static async Task<int> CompareAsync(string[] args, params Arm[] arms)
    {
        var points = BenchArgs.Int(args, "--points", 2_000);
        var processes = BenchArgs.Int(args, "--processes", 8);
        var rounds = BenchArgs.Int(args, "--rounds", 8);
        var slice = TimeSpan.FromSeconds(BenchArgs.Int(args, "--slice", 1));
        var clientCount = BenchArgs.Int(args, "--clients", 4);
        var cpus = BenchArgs.Text(args, "--node-cpus");

        var data = Dataset.Vectors(points, 128, seed: 3);
        var queries = Dataset.Vectors(256, 128, seed: 4);
        var targets = new List<(int Arm, int Group, NodeUnderTest Node, RestTransport Client)>();
        try
        {
            for (var p = 0; p < processes; p++)
            {
                for (var k = 0; k < arms.Length; k++)
                {
                    // A fixed start order gave the first-started arm a few percent more in an A/A/A run.
                    var a = (p + k) % arms.Length;
                    var node = await arms[a].StartAsync(cpus);
                    var client = arms[a].Client(node, arms[a].SearchAuthorization, arms[a].Name);
                    targets.Add((a, p, node, client));
                    await LoadAsync(arms[a], node, data);
                    await DriveAsync(client, clientCount, queries, TimeSpan.FromSeconds(5));
                }
            }

            // Per process: requests, seconds driven, node CPU used meanwhile. The arms take turns slice by slice (the
            // i-th process of each arm, in a fresh seeded order each time), so this machine's drift over tens of
            // seconds falls on every arm alike; blocks of one arm's processes in a row put identical arms 7 % apart.
            var measured = new (long Requests, double Seconds, TimeSpan NodeCpu)[targets.Count];
            var order = new Random(7);
            var schedule = Enumerable.Range(0, arms.Length).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < processes; i++)
                {
                    order.Shuffle(schedule);
                    foreach (var a in schedule)
                    {
                        var t = targets.FindIndex(x => x.Arm == a && x.Group == i);
                        var cpu = targets[t].Node.CpuTime;
                        var (requests, elapsed) = await DriveAsync(targets[t].Client, clientCount, queries, slice);
                        var m = measured[t];
                        measured[t] = (m.Requests + requests, m.Seconds + elapsed, m.NodeCpu + (targets[t].Node.CpuTime - cpu));
                    }
                }
            }

            Report(arms, targets.Select((t, i) => (t.Arm, t.Group, measured[i])).ToList(), $"{points:N0} × 128-d, {clientCount} clients{(cpus is null ? string.Empty : $", node on CPUs {cpus}")}");
            Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} core(s) visible to the driver; {processes} node processes per configuration, {rounds} interleaved rounds of {slice.TotalSeconds:N0} s each");
            return 0;
        }
        finally
        {
            foreach (var (_, _, node, client) in targets)
            {
                await client.DisposeAsync();
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The table: each arm's throughput against the baseline's as the mean of the per-group ratios, with its 95 %
    /// interval, and node CPU per request; then every group's own ratio, so a single outlier shows.
    /// </summary>
    private static void Report(Arm[] arms, List<(int Arm, int Group, (long Requests, double Seconds, TimeSpan NodeCpu) Measured)> processes, string workload)
    {
        double Rate(int arm, int group)
        {
            var m = processes.Single(p => p.Arm == arm && p.Group == group).Measured;
            return m.Requests / m.Seconds;
        }

        var groups = processes.Max(p => p.Group) + 1;
        Console.WriteLine();
        Console.WriteLine($"| configuration | REST top-10 search, {workload} | vs baseline, paired by group (95 % interval) | node CPU per request |");
        Console.WriteLine("| --- | --- | --- | --- |");
        var ratios = new List<List<double>>();
        for (var a = 0; a < arms.Length; a++)
        {
            var arm = a;
            ratios.Add(Enumerable.Range(0, groups).Select(g => Rate(arm, g) / Rate(0, g)).ToList());
            var (mean, low, high) = RatioInterval.Of(ratios[a]);
            var mine = processes.Where(p => p.Arm == arm).ToList();
            var rps = mine.Sum(p => p.Measured.Requests / p.Measured.Seconds) / groups;
            var cpu = mine.Sum(p => p.Measured.NodeCpu.TotalMicroseconds) / mine.Sum(p => p.Measured.Requests);
            Console.WriteLine($"| {arms[a].Name} | {rps:N0} req/s | {mean:P1} ({low:P1} – {high:P1}) | {cpu:N0} µs |");
        }

        Console.WriteLine();
        for (var a = 1; a < arms.Length; a++)
        {
            Console.WriteLine($"{arms[a].Name}, each group: {string.Join(", ", ratios[a].Select(r => r.ToString("P1", System.Globalization.CultureInfo.InvariantCulture)))}");
        }

        Console.WriteLine();
    }

    private static async Task LoadAsync(Arm arm, NodeUnderTest node, float[][] data)
    {
        await using var loader = arm.Client(node, arm.AdminAuthorization, "loader");
        await loader.CreateCollectionAsync(Collection, 128);
        for (var i = 0; i < data.Length; i += 1024)
        {
            await loader.UpsertAsync(Collection, (ulong)i + 1, data.AsMemory(i, Math.Min(1024, data.Length - i)));
        }

        // Searches hit the finished index (if the collection is large enough to get one), not a scan beside a build.
        await loader.WaitIndexedAsync(Collection);
    }

    private static async Task<(long Requests, double Seconds)> DriveAsync(RestTransport t, int clients, float[][] queries, TimeSpan duration)
    {
        long count = 0;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
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
        public string? AuditRoot { get; init; }

        public Task<NodeUnderTest> StartAsync(string? cpus) => NodeUnderTest.StartAsync(
            _ => AuditRoot is null
                ? Environment
                : new Dictionary<string, string>(Environment) { ["QDRANT__AUDIT__DIR"] = Directory.CreateDirectory(Path.Combine(AuditRoot, Guid.NewGuid().ToString("N"))).FullName },
            TrustedCa is null ? null : BenchCertificates.TrustingHandler(TrustedCa),
            cpus);

        public RestTransport Client(NodeUnderTest node, string? authorization, string name) =>
            new(node.Rest, TrustedCa is null ? null : BenchCertificates.TrustingHandler(TrustedCa), authorization, name);
    }
}
