using System.Runtime.InteropServices;
using Citadel.Audit;
using Citadel.Node.Api;
using Citadel.Node.Cluster;
using Citadel.Node.Cluster.Forwarding;
using Citadel.Node.Configuration;
using Citadel.Storage.Collections;

namespace Citadel.Node.Hosting;

/// <summary>Runs a node: opens storage, starts the REST and gRPC servers, stops them in order on SIGINT/SIGTERM.</summary>
internal static partial class NodeHost
{
    public static async Task<int> RunAsync(LoadedSettings loaded, CommandLineOptions cli, NodeLogging logging)
    {
        var log = logging.Factory.CreateLogger("Citadel.Node");
        foreach (var message in loaded.Messages)
        {
            if (message.Level == LoadMessageLevel.Error)
            {
                LogConfigError(log, message.Text);
            }
            else
            {
                LogConfigWarning(log, message.Text);
            }
        }

        foreach (var warning in cli.Warnings)
        {
            LogConfigWarning(log, warning);
        }

        var settings = loaded.Settings;
        Directory.CreateDirectory(settings.Storage.StoragePath);
        using var storageLock = StorageLock.Acquire(settings.Storage.StoragePath);
        var plan = settings.Cluster.Enabled ? PlanCluster(settings, cli) : null;
        using var collections = CollectionManager.Open(settings.Storage.StoragePath, NodeServices.CollectionDefaultsFrom(settings), logging.Factory.CreateLogger<CollectionManager>(), plan?.Identity.Id);
        if (!await Snapshots.StartupRecovery.RunAsync(cli, settings, collections, logging.Factory))
        {
            return 1;
        }

        using var tls = NodeTls.Create(settings, log);
        if (tls is null && settings.Service.AuthEnabled && !Configuration.PublicBindGuard.IsLoopback(settings.Service.Host))
        {
            TlsLog.KeysOverPlainHttp(log, settings.Service.Host);
        }

        using var peerTls = plan is null ? null : PeerTls.Create(settings, log);
        await using var cluster = plan is null ? null : new ClusterNode(settings, plan, collections, peerTls, logging.Factory);
        await using var audit = settings.Audit.Enabled
            ? new AuditWriter(NodeServices.AuditOptionsFrom(settings.Audit), TimeProvider.System, logging.Factory.CreateLogger<AuditWriter>())
            : null;
        IMetaProposer meta = cluster is null
            ? new LocalMetaProposer(collections)
            : new ClusterMetaProposer(cluster, collections, logging.Factory.CreateLogger<ClusterMetaProposer>());
        var node = new NodeServices(settings, collections, meta, tls, audit, cluster);
        var invoker = cluster is null ? null : new RestInvoker();
        await using var peerIssues = cluster is null ? null : new PeerIssueReporter(cluster, node.Observability.Issues);

        await using var rest = RestServer.Build(node, logging, invoker);
        await using var grpc = settings.Service.GrpcPort is { } grpcPort ? GrpcServer.Build(node, logging, grpcPort) : null;
        await using var peers = cluster is null ? null : PeerServer.Build(node, cluster, invoker!, logging);
        await using var metrics = settings.Service.MetricsPort is { } metricsPort ? MetricsServer.Build(node, logging, metricsPort) : null;
        using var stopping = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, stopping));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, stopping));

        try
        {
            if (peers is not null)
            {
                // The peer port first: Raft and the join handshake run over it, then the public ports.
                await peers.StartAsync(stopping.Token);
                await cluster!.StartAsync(stopping.Token);
            }

            await rest.StartAsync(stopping.Token);
            if (grpc is not null)
            {
                await grpc.StartAsync(stopping.Token);
            }

            if (metrics is not null)
            {
                await metrics.StartAsync(stopping.Token);
            }
        }
        catch (IOException e)
        {
            // A port in use: say so and exit 1, rather than dying of an unhandled exception (SIGABRT, core dump).
            LogStartFailed(log, e.Message);
            return 1;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (cluster is not null && e is TimeoutException or OperationCanceledException or InvalidOperationException or global::Grpc.Core.RpcException)
        {
            // Joining failed (bootstrap unreachable, refused, or no leader in time): a clear message and exit 1.
            LogStartFailed(log, e.Message);
            return 1;
        }

        LogStarted(log, VersionInfo.Version, settings.Service.Host, settings.Service.HttpPort, settings.Service.GrpcPort, settings.Storage.StoragePath);
        if (settings.Service.MetricsPort is { } servedMetrics)
        {
            LogMetricsPort(log, settings.Service.Host, servedMetrics);
        }
        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Shutdown requested.
        }

        LogStopping(log);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await rest.StopAsync(grace.Token);
        if (grpc is not null)
        {
            await grpc.StopAsync(grace.Token);
        }

        if (metrics is not null)
        {
            await metrics.StopAsync(grace.Token);
        }

        if (cluster is not null)
        {
            // Leave consensus (a leader resigns) before the peer port closes, so the others elect at once.
            await cluster.DisposeAsync();
            await peers!.StopAsync(grace.Token);
        }

        return 0;
    }

    /// <summary>Decides how this peer enters its cluster, from the command line and what storage holds.</summary>
    private static ClusterPlan PlanCluster(NodeSettings settings, CommandLineOptions cli)
    {
        var raftDirectory = ClusterNode.RaftDirectoryOf(settings);

        // DotNext stages received snapshots in temporary files: keep them on the data volume (the root file system
        // may be read-only or small in a container).
        var temp = Path.Combine(raftDirectory, "tmp");
        Directory.CreateDirectory(temp);
        Environment.SetEnvironmentVariable("TMPDIR", temp);

        var (local, owned) = CollectionManager.Survey(settings.Storage.StoragePath);
        var disk = new ClusterStartup.DiskState(PeerIdentity.Load(raftDirectory), File.Exists(Path.Combine(raftDirectory, "members")), local, owned);
        return ClusterStartup.Decide(settings, cli, disk, PeerIdentity.NewId);
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stopping)
    {
        context.Cancel = true;
        stopping.Cancel();
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Configuration: {Message}")]
    private static partial void LogConfigWarning(ILogger logger, string message);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Configuration: {Message}")]
    private static partial void LogConfigError(ILogger logger, string message);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Citadel (Qdrant API {Version}) listening on {Host}: REST {HttpPort}, gRPC {GrpcPort}; storage {Storage}")]
    private static partial void LogStarted(ILogger logger, string version, string host, int httpPort, int? grpcPort, string storage);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Prometheus metrics served WITHOUT authentication on {Host}:{Port}/metrics (service.metrics_port)")]
    private static partial void LogMetricsPort(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 104, Level = LogLevel.Critical, Message = "Could not start serving: {Message}")]
    private static partial void LogStartFailed(ILogger logger, string message);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Shutting down: finishing requests and checkpointing storage")]
    private static partial void LogStopping(ILogger logger);
}
