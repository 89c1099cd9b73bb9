using System.Collections.Immutable;
using Citadel.Auth.Credentials;
using Citadel.Common.Errors;
using Citadel.Consensus.Membership;
using Citadel.Consensus.Peers;
using Citadel.Consensus.Peers.Protocol;
using Citadel.Consensus.Raft;
using Citadel.Consensus.State;
using Citadel.Consensus.Transport;
using Citadel.Node.Configuration;
using Citadel.Storage.Collections;

namespace Citadel.Node.Cluster;

/// <summary>
/// This node as a cluster peer: its identity, its Raft member (state machine = cluster state + collection catalog),
/// and its links to other peers. Created before the peer server starts (which hands Raft connections to
/// <see cref="RaftListener"/>), started once the server listens, stopped before storage closes.
/// </summary>
internal sealed partial class ClusterNode : IAsyncDisposable
{
    private readonly NodeSettings _settings;
    private readonly ClusterPlan _plan;
    private readonly CollectionManager _collections;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private static readonly TimeSpan AppliedWait = TimeSpan.FromSeconds(10);
    private RaftNode? _raft;

    public ClusterNode(NodeSettings settings, ClusterPlan plan, CollectionManager collections, PeerTls? tls, ILoggerFactory loggers)
    {
        _settings = settings;
        _plan = plan;
        _collections = collections;
        _loggers = loggers;
        _log = loggers.CreateLogger<ClusterNode>();
        Tls = tls;
        RaftDirectory = RaftDirectoryOf(settings);
        Connector = new PeerConnector(tls is null ? null : tls.ClientOptions, TimeSpan.FromMilliseconds(Math.Max(500, settings.Cluster.ConnectionTimeoutMs)));
        Channels = new PeerChannels(Connector, settings.Service.ApiKey ?? settings.Service.AltApiKey);
        Failures = new PeerFailures(TimeProvider.System);
    }

    /// <summary>Where consensus state lives: <c>{storage}/raft</c>.</summary>
    public string RaftDirectory { get; }

    public PeerIdentity Self => _plan.Identity;

    public PeerTls? Tls { get; }

    public PeerConnector Connector { get; }

    public PeerChannels Channels { get; }

    public PeerFailures Failures { get; }

    /// <summary>Raft connections accepted by the peer server go here.</summary>
    public RaftConnectionListener RaftListener { get; } = new();

    /// <summary>The Raft member; throws before <see cref="StartAsync"/> finished.</summary>
    public RaftNode Raft => _raft ?? throw new InvalidOperationException("consensus is not running yet");

    /// <summary>True once the Raft member runs (peer services answer only then).</summary>
    public bool IsRunning => _raft is not null;

    public ClusterProposer Proposer => new(Raft, Channels);

    /// <summary>The replicated cluster state (peers and their key fingerprints).</summary>
    public ClusterState State => Raft.State;

    /// <summary>Timeout of internal calls (<c>cluster.grpc_timeout_ms</c>).</summary>
    public int CallTimeoutMs => _settings.Cluster.GrpcTimeoutMs;

    /// <summary>The peer URI of a peer id, if it is a member.</summary>
    public string? UriOf(ulong peerId) => _raft?.State.Peers.GetValueOrDefault(peerId)?.Uri;

    public static string RaftDirectoryOf(NodeSettings settings) => Path.Combine(settings.Storage.StoragePath, "raft");

    /// <summary>Starts the Raft member, then founds, joins or rejoins as planned, and reports this node's key fingerprints.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_plan.WipeConsensusState)
        {
            WipeConsensusState();
        }

        Self.Save(RaftDirectory);
        var application = new CatalogApplication(_collections, MaterializedIndex.Open(RaftDirectory), _loggers.CreateLogger<CatalogApplication>());
        var joinTimeout = TimeSpan.FromSeconds(_settings.Cluster.Consensus.BootstrapTimeoutSec);
        var announcer = _plan.Bootstrap is { } bootstrap
            ? PeerJoiner.Announcer(bootstrap, JoinRequest(), Channels, joinTimeout, _loggers.CreateLogger("Citadel.Cluster.Join"))
            : null;
        var options = new RaftOptions(RaftDirectory, Self.Uri, ColdStart: _plan.Entry == ClusterEntry.Found)
        {
            SnapshotEvery = (int)Math.Clamp(_settings.Cluster.Consensus.CompactWalEntries, 1, int.MaxValue),
        };
        _raft = await RaftNode.StartAsync(options, application, RaftListener, new RaftConnectionFactory(Connector), announcer, _loggers, cancellationToken).ConfigureAwait(false);
        _raft.MemberUnavailable += e => Failures.Record(UriOfEndPoint(e), "peer unreachable");
        LogStarted(_log, Self.Id, Self.CanonicalUri, _plan.Entry);

        if (_plan.Entry == ClusterEntry.Found)
        {
            await FoundAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (_plan.Entry == ClusterEntry.Join)
        {
            using var joined = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            joined.CancelAfter(joinTimeout + TimeSpan.FromSeconds(30));
            await _raft.Readiness.WaitAsync(joined.Token).ConfigureAwait(false);
        }

        await ReportKeysAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_raft is not null)
        {
            await _raft.DisposeAsync().ConfigureAwait(false);
        }

        await RaftListener.DisposeAsync().ConfigureAwait(false);
        Channels.Dispose();
    }

    /// <summary>Proposes a command from any node and waits until this node has applied it.</summary>
    public async Task<CommandResult> ProposeAsync(ClusterCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (result, index) = await Proposer.ProposeAsync(command, timeout, cancellationToken).ConfigureAwait(false);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        await Raft.WaitForApplyAsync(index, wait.Token).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Waits until this node has applied the Raft entry <paramref name="index"/> (a forwarding peer's view of the
    /// metadata), so a forwarded request never runs against older metadata than its first peer saw.
    /// </summary>
    public async Task WaitAppliedAsync(long index, CancellationToken cancellationToken)
    {
        if (index <= 0 || Raft.AppliedIndex >= index)
        {
            return;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(AppliedWait);
        try
        {
            await Raft.WaitForApplyAsync(index, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CitadelException(ErrorKind.Unavailable, $"this peer has not applied cluster metadata up to entry {index} yet (applied {Raft.AppliedIndex}); retry");
        }
    }

    private async Task FoundAsync(CancellationToken cancellationToken)
    {
        await Raft.WaitForLeaderAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var timeout = TimeSpan.FromSeconds(30);
        if (!State.Peers.ContainsKey(Self.Id) || _plan.WipeConsensusState)
        {
            await ProposeAsync(new ClusterCommand(Guid.NewGuid(), CommandKind.AddPeer, Peer: new PeerInfo(Self.Id, Self.CanonicalUri, RestUri(), KeyFingerprints())), timeout, cancellationToken).ConfigureAwait(false);
        }

        if (_plan.AdoptLocalCollections)
        {
            var local = _collections.Catalog;
            var owned = local with
            {
                Collections = local.Collections
                    .Where(c => _collections.TryGet(c.Key)?.IsLocal == true)
                    .ToImmutableSortedDictionary(c => c.Key, c => c.Value with { Owner = Self.Id }, StringComparer.Ordinal),
            };
            owned = owned with { Aliases = owned.Aliases.Where(a => owned.Collections.ContainsKey(a.Value)).ToImmutableSortedDictionary(StringComparer.Ordinal) };
            var payload = MetaOperationJson.Encode(new AdoptCatalogOperation(owned));
            await ProposeAsync(new ClusterCommand(Guid.NewGuid(), CommandKind.Application, Payload: payload), timeout, cancellationToken).ConfigureAwait(false);
            LogAdopted(_log, owned.Collections.Count);
        }
    }

    private async Task ReportKeysAsync(CancellationToken cancellationToken)
    {
        var keys = KeyFingerprints();
        if (State.Peers.TryGetValue(Self.Id, out var known) && known.KeyFingerprints.Count == keys.Count && !known.KeyFingerprints.Except(keys).Any())
        {
            return;
        }

        await ProposeAsync(new ClusterCommand(Guid.NewGuid(), CommandKind.ReportKeys, PeerId: Self.Id, Keys: keys), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
    }

    private JoinRequest JoinRequest()
    {
        var request = new JoinRequest { PeerId = Self.Id, Uri = Self.CanonicalUri, RestUri = RestUri() };
        request.KeyFingerprints.Add(KeyFingerprints());
        return request;
    }

    /// <summary>Where other peers reach this node's REST API: the host of its peer URI, its REST port.</summary>
    private string RestUri() =>
        new UriBuilder(_settings.Service.EnableTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, Self.Uri.Host, _settings.Service.HttpPort).Uri.ToString();

    /// <summary>Fingerprints (never the keys) of the keys this node accepts, so operators can see rotations converge.</summary>
    private Dictionary<string, string> KeyFingerprints()
    {
        var service = _settings.Service;
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        if (service.ApiKey is { Length: > 0 } api)
        {
            keys["api_key"] = KeyRing.Fingerprint(api);
        }

        if (service.AltApiKey is { Length: > 0 } alt)
        {
            keys["alt_api_key"] = KeyRing.Fingerprint(alt);
        }

        if (service.ReadOnlyApiKey is { Length: > 0 } ro)
        {
            keys["read_only_api_key"] = KeyRing.Fingerprint(ro);
        }

        return keys;
    }

    private string UriOfEndPoint(System.Net.EndPoint endpoint) =>
        State.Peers.Values.FirstOrDefault(p => PeerEndPoints.Comparer.Equals(PeerEndPoints.FromUri(new Uri(p.Uri)), endpoint))?.Uri ?? PeerEndPoints.Format(endpoint);

    private void WipeConsensusState()
    {
        foreach (var name in new[] { "wal", "snapshots" })
        {
            var dir = Path.Combine(RaftDirectory, name);
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        foreach (var name in new[] { "members", "materialized" })
        {
            File.Delete(Path.Combine(RaftDirectory, name));
        }

        LogWiped(_log, RaftDirectory);
    }

    [LoggerMessage(EventId = 640, Level = LogLevel.Information, Message = "Cluster peer {PeerId} ({Uri}) running consensus ({Entry})")]
    private static partial void LogStarted(ILogger logger, ulong peerId, string uri, ClusterEntry entry);

    [LoggerMessage(EventId = 641, Level = LogLevel.Warning, Message = "--reinit: dropped the consensus state in {Directory} (the peer id is kept)")]
    private static partial void LogWiped(ILogger logger, string directory);

    [LoggerMessage(EventId = 642, Level = LogLevel.Information, Message = "The new cluster adopted the {Count} collection(s) already in this node's storage")]
    private static partial void LogAdopted(ILogger logger, int count);
}
