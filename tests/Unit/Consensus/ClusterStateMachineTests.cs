using System.Text;
using Citadel.Consensus.State;

namespace Citadel.Tests.Unit.Consensus;

/// <summary>
/// The Raft state machine behind a real write-ahead log: membership commands, idempotent retries, snapshots, and log
/// entries that must never stop the applier.
/// </summary>
public sealed class ClusterStateMachineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("citadel-raft-sm-").FullName;

    [Fact]
    public async Task AddPeer_AddsTheMember()
    {
        await using var raft = await RaftLogHarness.StartAsync(_dir, new RecordingApplication());

        var (result, _) = await raft.ApplyAsync(AddPeer(Peer(1, ("api_key", "f1"))));

        Assert.Equal(CommandResult.Success(), result);
        var peer = Assert.Single(raft.State.Peers).Value;
        Assert.Equal("http://node1:6335/", peer.Uri);
        Assert.Equal("f1", peer.KeyFingerprints["api_key"]);
    }

    [Fact]
    public async Task AddPeer_ThatComesBackUnderItsUriWithANewId_ReplacesItsOldSelf()
    {
        await using var raft = await RaftLogHarness.StartAsync(_dir, new RecordingApplication());
        await raft.ApplyAsync(AddPeer(Peer(1)));
        await raft.ApplyAsync(AddPeer(Peer(2)));

        await raft.ApplyAsync(AddPeer(Peer(10) with { Uri = "HTTP://NODE1:6335/" }));

        Assert.Equal([2UL, 10UL], raft.State.Peers.Keys);
    }

    [Fact]
    public async Task AddPeer_WithoutKeys_KeepsTheKeysTheMemberReported()
    {
        await using var raft = await RaftLogHarness.StartAsync(_dir, new RecordingApplication());
        await raft.ApplyAsync(AddPeer(Peer(1, ("api_key", "f1"))));

        await raft.ApplyAsync(AddPeer(Peer(1) with { RestUri = "http://node1:6333/" }));
        Assert.Equal("f1", raft.State.Peers[1].KeyFingerprints["api_key"]);
        Assert.Equal("http://node1:6333/", raft.State.Peers[1].RestUri);

        await raft.ApplyAsync(AddPeer(Peer(1, ("api_key", "f2"))));
        Assert.Equal("f2", raft.State.Peers[1].KeyFingerprints["api_key"]);
    }

    [Fact]
    public async Task RemovePeer_AnswersWhetherTheMemberExisted()
    {
        await using var raft = await RaftLogHarness.StartAsync(_dir, new RecordingApplication());
        await raft.ApplyAsync(AddPeer(Peer(1)));
        await raft.ApplyAsync(AddPeer(Peer(2)));

        var (removed, _) = await raft.ApplyAsync(new ClusterCommand(Guid.NewGuid(), CommandKind.RemovePeer, PeerId: 1));
        var (missing, _) = await raft.ApplyAsync(new ClusterCommand(Guid.NewGuid(), CommandKind.RemovePeer, PeerId: 1));

        Assert.Equal(CommandResult.Success(true), removed);
        Assert.Equal(CommandResult.Success(false), missing);
        Assert.Equal([2UL], raft.State.Peers.Keys);
    }

    [Fact]
    public async Task ReportKeys_ReplacesTheFingerprintsOfAKnownMemberOnly()
    {
        await using var raft = await RaftLogHarness.StartAsync(_dir, new RecordingApplication());
        await raft.ApplyAsync(AddPeer(Peer(1, ("api_key", "old"))));

        var (known, _) = await raft.ApplyAsync(ReportKeys(1, ("api_key", "new"), ("read_only_api_key", "ro")));
        var (unknown, _) = await raft.ApplyAsync(ReportKeys(9, ("api_key", "x")));

        Assert.Equal(CommandResult.Success(), known);
        Assert.Equal(CommandResult.Success(), unknown);
        Assert.Equal(new Dictionary<string, string> { ["api_key"] = "new", ["read_only_api_key"] = "ro" }, raft.State.Peers[1].KeyFingerprints);
        Assert.False(raft.State.Peers.ContainsKey(9));
    }

    [Fact]
    public async Task ApplicationCommand_IsHandedToTheApplicationWithItsLogIndex()
    {
        var app = new RecordingApplication { Behaviour = (_, _) => CommandResult.Failure("NotFound", "no such collection") };
        await using var raft = await RaftLogHarness.StartAsync(_dir, app);

        var (result, index) = await raft.ApplyAsync(Application("delete b"));

        Assert.Equal(CommandResult.Failure("NotFound", "no such collection"), result);
        var (appliedIndex, payload) = Assert.Single(app.Applied);
        Assert.Equal(index, appliedIndex);
        Assert.Equal("delete b", Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task SameCommandIdTwice_HasOneEffectAndTheFirstResult()
    {
        var app = new RecordingApplication();
        await using var raft = await RaftLogHarness.StartAsync(_dir, app);
        var command = Application("create a");

        var (first, _) = await raft.ApplyAsync(command);
        var (retry, _) = await raft.ApplyAsync(command);

        Assert.Single(app.Applied);
        Assert.NotNull(first);
        Assert.Equal(first, retry);
    }

    [Fact]
    public async Task RetriedRemovePeer_AnswersAsTheFirstTimeAndRetriedAddPeer_DoesNotResurrect()
    {
        await using var raft = await RaftLogHarness.StartAsync(_dir, new RecordingApplication());
        var add = AddPeer(Peer(1));
        var remove = new ClusterCommand(Guid.NewGuid(), CommandKind.RemovePeer, PeerId: 1);
        await raft.ApplyAsync(add);

        var (first, _) = await raft.ApplyAsync(remove);
        var (retriedRemove, _) = await raft.ApplyAsync(remove);
        await raft.ApplyAsync(add);

        Assert.Equal(CommandResult.Success(true), first);
        Assert.Equal(first, retriedRemove);
        Assert.Empty(raft.State.Peers);
    }

    [Fact]
    public async Task ApplicationThatThrows_BecomesAnInternalFailureAndTheLogGoesOn()
    {
        var app = new RecordingApplication { Behaviour = (_, p) => p.Length == 4 ? throw new IOException("disk full") : CommandResult.Success() };
        await using var raft = await RaftLogHarness.StartAsync(_dir, app);

        var (failed, _) = await raft.ApplyAsync(Application("boom"));
        var (next, _) = await raft.ApplyAsync(Application("fine!"));

        Assert.Equal(CommandResult.Failure("Internal", "disk full"), failed);
        Assert.Equal(CommandResult.Success(), next);
    }

    public static TheoryData<string> HostilePayloads =>
    [
        string.Empty,
        "not json",
        "null",
        "[]",
        "{}",
        "{\"id\":\"nope\",\"kind\":\"AddPeer\"}",
        "{\"id\":\"00000000-0000-0000-0000-000000000001\",\"kind\":\"Explode\"}",
        "{\"id\":\"00000000-0000-0000-0000-000000000002\",\"kind\":99}",
        "{\"id\":\"00000000-0000-0000-0000-000000000003\",\"kind\":\"AddPeer\"}",
        "{\"id\":\"00000000-0000-0000-0000-000000000004\",\"kind\":\"AddPeer\",\"peer\":null}",
        "{\"id\":\"00000000-0000-0000-0000-000000000005\",\"kind\":\"AddPeer\",\"peer\":{}}",
        "{\"id\":\"00000000-0000-0000-0000-000000000006\",\"kind\":\"AddPeer\",\"peer\":{\"id\":1}}",
        "{\"id\":\"00000000-0000-0000-0000-000000000007\",\"kind\":\"AddPeer\",\"peer\":{\"id\":1,\"uri\":\"http://node1:6335/\"}}",
        "{\"id\":\"00000000-0000-0000-0000-000000000008\",\"kind\":\"AddPeer\",\"peer\":{\"id\":-1,\"uri\":\"x\",\"key_fingerprints\":{}}}",
        "{\"id\":\"00000000-0000-0000-0000-000000000009\",\"kind\":\"AddPeer\",\"peer\":{\"id\":2,\"uri\":null,\"key_fingerprints\":{}}}",
        "{\"id\":\"00000000-0000-0000-0000-00000000000a\",\"kind\":\"AddPeer\",\"peer\":{\"id\":2,\"uri\":\"http://node2:6335/\",\"key_fingerprints\":{\"k\":null}}}",
        "{\"id\":\"00000000-0000-0000-0000-00000000000b\",\"kind\":\"RemovePeer\"}",
        "{\"id\":\"00000000-0000-0000-0000-00000000000c\",\"kind\":\"RemovePeer\",\"peer_id\":\"one\"}",
        "{\"id\":\"00000000-0000-0000-0000-00000000000d\",\"kind\":\"ReportKeys\",\"peer_id\":1}",
        "{\"id\":\"00000000-0000-0000-0000-00000000000e\",\"kind\":\"ReportKeys\",\"keys\":{}}",
        "{\"id\":\"00000000-0000-0000-0000-00000000000f\",\"kind\":\"Application\"}",
        "{\"id\":\"00000000-0000-0000-0000-000000000010\",\"kind\":\"Application\",\"payload\":\"not base64!\"}",
        "{\"id\":\"00000000-0000-0000-0000-000000000011\",\"kind\":\"AddPeer\",\"peer\":[1,2,3]}",
    ];

    [Theory]
    [MemberData(nameof(HostilePayloads))]
    public async Task HostileEntry_NeitherStopsTheApplierNorCorruptsTheState(string payload)
    {
        var app = new RecordingApplication();
        await using var raft = await RaftLogHarness.StartAsync(_dir, app);
        await raft.ApplyAsync(AddPeer(Peer(1, ("api_key", "f1"))));

        var (_, hostileIndex) = await raft.ApplyAsync(Encoding.UTF8.GetBytes(payload));
        var (next, nextIndex) = await raft.ApplyAsync(AddPeer(Peer(3)));

        Assert.All(raft.State.Peers.Values, p => Assert.NotNull(p.KeyFingerprints));
        Assert.All(raft.State.Peers.Values, p => Assert.NotNull(p.Uri));
        Assert.Equal(CommandResult.Success(), next);
        Assert.True(raft.AppliedIndex >= nextIndex && nextIndex > hostileIndex);
        Assert.Contains(3UL, raft.State.Peers.Keys);
        Assert.Equal("f1", raft.State.Peers[1].KeyFingerprints["api_key"]);
        Assert.Empty(app.Applied);
    }

    [Fact]
    public async Task MalformedCommand_FailsAsABadRequestAndIsRememberedForRetries()
    {
        await using var raft = await RaftLogHarness.StartAsync(_dir, new RecordingApplication());
        var malformed = new ClusterCommand(Guid.NewGuid(), CommandKind.RemovePeer);

        var (result, _) = await raft.ApplyAsync(malformed);

        Assert.NotNull(result);
        Assert.False(result.Ok);
        Assert.Equal("BadRequest", result.ErrorKind);
        Assert.Equal(result, raft.State.Recent[malformed.Id]);
    }

    [Fact]
    public async Task Snapshot_RestoresTheSameStateAndAppliedIndex()
    {
        var app = new RecordingApplication();
        byte[] applicationSnapshot;
        long lastIndex;
        ClusterState before;
        var retried = Application("create a");
        await using (var raft = await RaftLogHarness.StartAsync(_dir, app, snapshotEvery: 1))
        {
            await raft.ApplyAsync(AddPeer(Peer(1, ("api_key", "f1"))));
            await raft.ApplyAsync(AddPeer(Peer(2) with { RestUri = "http://node2:6333/" }));
            await raft.ApplyAsync(retried);
            await raft.ApplyAsync(new ClusterCommand(Guid.NewGuid(), CommandKind.RemovePeer, PeerId: 7));
            (_, lastIndex) = await raft.ApplyAsync(ReportKeys(2, ("api_key", "f2")));
            await raft.PublishSnapshotAsync(lastIndex);
            before = raft.State;
            applicationSnapshot = app.Snapshot();
        }

        var restoredApp = new RecordingApplication();
        var machine = new Citadel.Consensus.Raft.ClusterStateMachine(
            new DirectoryInfo(Path.Combine(_dir, "snapshots")), restoredApp, 1, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        ClusterState? changed = null;
        machine.Changed += s => changed = s;
        await machine.RestoreAsync(CancellationToken.None);
        var restoredSnapshotIndex = ((DotNext.Net.Cluster.Consensus.Raft.StateMachine.ISnapshotManager)machine).Snapshot?.Index;
        await machine.DisposeAsync();

        var (restoredIndex, restoredBytes) = Assert.Single(restoredApp.Restored);
        Assert.Equal(lastIndex, restoredIndex);
        Assert.Equal(lastIndex, restoredSnapshotIndex);
        Assert.Equal(applicationSnapshot, restoredBytes);
        AssertSameState(before, machine.State);
        Assert.Same(machine.State, changed);
    }

    [Fact]
    public async Task CommandRetriedAfterARestoreFromSnapshot_IsStillAppliedOnce()
    {
        var retried = Application("create a");
        await using (var raft = await RaftLogHarness.StartAsync(_dir, new RecordingApplication(), snapshotEvery: 1))
        {
            var (_, index) = await raft.ApplyAsync(retried);
            await raft.PublishSnapshotAsync(index);
        }

        Directory.Delete(Path.Combine(_dir, "wal"), recursive: true);
        var app = new RecordingApplication();
        await using var restarted = await RaftLogHarness.StartAsync(_dir, app);
        Assert.Empty(app.Applied);

        var (result, _) = await restarted.ApplyAsync(retried);

        Assert.Empty(app.Applied);
        Assert.Equal(CommandResult.Success(Encoding.UTF8.GetByteCount("create a") % 2 == 0), result);
    }

    [Fact]
    public async Task StateChanges_AreAnnouncedAfterEachCommand()
    {
        await using var raft = await RaftLogHarness.StartAsync(_dir, new RecordingApplication());
        var seen = new List<ClusterState>();
        raft.Machine.Changed += seen.Add;

        await raft.ApplyAsync(AddPeer(Peer(1)));
        await raft.ApplyAsync(new ClusterCommand(Guid.NewGuid(), CommandKind.RemovePeer, PeerId: 1));

        Assert.Equal(2, seen.Count);
        Assert.Single(seen[0].Peers);
        Assert.Empty(seen[1].Peers);
    }

    [Fact]
    public void Remember_ForgetsTheOldestResultsBeyondTheLimit()
    {
        var state = ClusterState.Empty;
        var ids = Enumerable.Range(0, ClusterState.RecentLimit + 5).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            state = state.Remember(id, CommandResult.Success());
        }

        Assert.Equal(ClusterState.RecentLimit, state.Recent.Count);
        Assert.Equal(ClusterState.RecentLimit, state.RecentOrder.Count());
        Assert.All(ids.Take(5), id => Assert.False(state.Recent.ContainsKey(id)));
        Assert.All(ids.Skip(5), id => Assert.True(state.Recent.ContainsKey(id)));
        Assert.Equal(ids.Skip(5), state.RecentOrder);
    }

    [Fact]
    public void PeerByUri_MatchesCaseInsensitively()
    {
        var state = ClusterState.Empty with { Peers = ClusterState.Empty.Peers.Add(4, Peer(4)) };

        Assert.Equal(4UL, state.PeerByUri("HTTP://NODE4:6335/")?.Id);
        Assert.Null(state.PeerByUri("http://node5:6335/"));
    }

    [Fact]
    public void Command_RoundTripsThroughItsJson()
    {
        var command = new ClusterCommand(Guid.NewGuid(), CommandKind.AddPeer, Peer(3, ("api_key", "f")), 3, new Dictionary<string, string> { ["k"] = "v" }, [1, 2, 3]);

        var decoded = ClusterCommand.Decode(command.Encode());

        Assert.Equal(command.Id, decoded.Id);
        Assert.Equal(command.Kind, decoded.Kind);
        Assert.Equal(command.Peer!.Uri, decoded.Peer!.Uri);
        Assert.Equal(command.Peer.KeyFingerprints, decoded.Peer.KeyFingerprints);
        Assert.Equal(command.PeerId, decoded.PeerId);
        Assert.Equal(command.Keys, decoded.Keys);
        Assert.Equal(command.Payload, decoded.Payload);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertSameState(ClusterState expected, ClusterState actual)
    {
        Assert.Equal(expected.Peers.Keys, actual.Peers.Keys);
        foreach (var (id, peer) in expected.Peers)
        {
            var other = actual.Peers[id];
            Assert.Equal(peer.Uri, other.Uri);
            Assert.Equal(peer.RestUri, other.RestUri);
            Assert.Equal(peer.KeyFingerprints.OrderBy(k => k.Key, StringComparer.Ordinal), other.KeyFingerprints.OrderBy(k => k.Key, StringComparer.Ordinal));
        }

        Assert.Equal(expected.RecentOrder, actual.RecentOrder);
        foreach (var id in expected.RecentOrder)
        {
            Assert.Equal(expected.Recent[id], actual.Recent[id]);
        }
    }

    private static PeerInfo Peer(ulong id, params (string Name, string Fingerprint)[] keys) =>
        new(id, $"http://node{id}:6335/", null, keys.ToDictionary(k => k.Name, k => k.Fingerprint, StringComparer.Ordinal));

    private static ClusterCommand AddPeer(PeerInfo peer) => new(Guid.NewGuid(), CommandKind.AddPeer, Peer: peer);

    private static ClusterCommand ReportKeys(ulong id, params (string Name, string Fingerprint)[] keys) =>
        new(Guid.NewGuid(), CommandKind.ReportKeys, PeerId: id, Keys: keys.ToDictionary(k => k.Name, k => k.Fingerprint, StringComparer.Ordinal));

    private static ClusterCommand Application(string payload) => new(Guid.NewGuid(), CommandKind.Application, Payload: Encoding.UTF8.GetBytes(payload));
}
