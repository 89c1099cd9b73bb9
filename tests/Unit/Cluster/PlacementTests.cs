using Citadel.Consensus.State;
using Citadel.Node.Cluster;
using static Citadel.Tests.Unit.Cluster.Catalogs;

namespace Citadel.Tests.Unit.Cluster;

/// <summary>Where a new collection goes: fewest collections among reachable members, ties to the smaller id.</summary>
public sealed class PlacementTests
{
    private const ulong Self = 1;

    [Fact]
    public void Choose_PicksTheMemberHoldingTheFewestCollections()
    {
        var catalog = With(Create("a", owner: 1), Create("b", owner: 1), Create("c", owner: 2), Create("d", owner: 3), Create("e", owner: 3));

        Assert.Equal(2UL, Placement.Choose(State(1, 2, 3), catalog, _ => true, Self));
    }

    [Fact]
    public void Choose_PrefersAMemberThatHoldsNothing()
    {
        var catalog = With(Create("a", owner: 1), Create("b", owner: 2));

        Assert.Equal(3UL, Placement.Choose(State(1, 2, 3), catalog, _ => true, Self));
    }

    [Fact]
    public void Choose_SkipsUnreachableMembersEvenWhenTheyHoldFewer()
    {
        var catalog = With(Create("a", owner: 1), Create("b", owner: 2));

        Assert.Equal(1UL, Placement.Choose(State(1, 2, 3), catalog, id => id != 3, Self));
    }

    [Fact]
    public void Choose_OnATie_PicksTheSmallerPeerId()
    {
        var catalog = With(Create("a", owner: 30), Create("b", owner: 5));

        Assert.Equal(5UL, Placement.Choose(State(30, 20, 5, 10), catalog, id => id is 30 or 5, Self));
        Assert.Equal(10UL, Placement.Choose(State(30, 20, 5, 10), catalog, id => id != 5, Self));
    }

    [Fact]
    public void Choose_IgnoresCollectionsWithoutOwnerAndOwnersThatAreNoLongerMembers()
    {
        var catalog = With(Create("single-node"), Create("x", owner: 9), Create("y", owner: 9), Create("z", owner: 2));

        // Peer 9 left holding two collections; the unowned one counts for nobody: 4 holds none, 2 holds one.
        Assert.Equal(4UL, Placement.Choose(State(2, 4), catalog, _ => true, Self));
        Assert.Equal(2UL, Placement.Choose(State(2, 4), With(Create("single-node"), Create("w", owner: 4)), _ => true, Self));
    }

    [Fact]
    public void Choose_WithNoReachableMember_FallsBackToSelf()
    {
        var catalog = With(Create("a", owner: 2));

        Assert.Equal(Self, Placement.Choose(State(2, 3), catalog, _ => false, Self));
        Assert.Equal(Self, Placement.Choose(ClusterState.Empty, catalog, _ => true, Self));
    }

    [Fact]
    public void Choose_IsTheSameWhateverOrderThePeersJoined()
    {
        var catalog = With(Create("a", owner: 7), Create("b", owner: 3));
        var forward = Placement.Choose(State(3, 7, 11, 12), catalog, _ => true, Self);
        var backward = Placement.Choose(State(12, 11, 7, 3), catalog, _ => true, Self);

        Assert.Equal(11UL, forward);
        Assert.Equal(forward, backward);
    }

    private static ClusterState State(params ulong[] peers)
    {
        var state = ClusterState.Empty;
        foreach (var id in peers)
        {
            state = state with { Peers = state.Peers.Add(id, new PeerInfo(id, $"http://node{id}:6335/", null, new Dictionary<string, string>())) };
        }

        return state;
    }
}
