using Citadel.Auth.Access;
using AccessValue = Citadel.Auth.Access.Access;

namespace Citadel.Tests.Unit.Auth;

public sealed class AccessCheckerTests
{
    private static readonly AccessValue Scoped = AccessValue.ForCollections(
    [
        new CollectionAccess("r_col", CollectionAccessMode.Read),
        new CollectionAccess("rw_col", CollectionAccessMode.ReadWrite),
        new CollectionAccess("prw_col", CollectionAccessMode.PointsReadWrite),
    ]);

    [Theory]
    [InlineData("upsert_points", "rw_col", null)]
    [InlineData("upsert_points", "prw_col", null)]
    [InlineData("upsert_points", "r_col", "Write access to collection r_col is required")]
    [InlineData("upsert_points", "other", "Access to collection other is required")]
    [InlineData("query_points", "r_col", null)]
    [InlineData("create_field_index", "rw_col", null)]
    [InlineData("create_field_index", "prw_col", "Only points access is allowed for collection prw_col")]
    [InlineData("create_field_index", "r_col", "Write access to collection r_col is required")]
    [InlineData("list_snapshots", "r_col", null)]
    [InlineData("list_snapshots", "prw_col", "Only points access is allowed for collection prw_col")]
    [InlineData("collection_cluster_info", "prw_col", "Only points access is allowed for collection prw_col")]
    [InlineData("update_collection_cluster", "rw_col", "Manage access for this operation is required")]
    [InlineData("create_collection", "rw_col", "Global access is required")]
    [InlineData("metrics", "rw_col", "Global access is required")]
    [InlineData("get_collections", null, null)]
    [InlineData("stream_shard_snapshot", "r_col", "Write access to collection r_col is required")]
    public void CollectionScopedToken_FollowsQdrantsTable(string action, string? collection, string? denial) =>
        Assert.Equal(denial, AccessChecker.Check(Scoped, AccessTable.For(action)!, collection));

    [Theory]
    [InlineData("upsert_points", "Global manage access is required")]
    [InlineData("create_collection", "Global manage access is required")]
    [InlineData("stream_shard_snapshot", "Global manage access is required")]
    [InlineData("query_points", null)]
    [InlineData("metrics", null)]
    [InlineData("list_full_snapshots", null)]
    [InlineData("get_audit_logs", "Global manage access is required")]
    public void ReadOnlyAccess_CanReadButNotWrite(string action, string? denial) =>
        Assert.Equal(denial, AccessChecker.Check(AccessValue.Read, AccessTable.For(action)!, "any"));

    [Fact]
    public void ManageAccess_PassesEveryAction()
    {
        foreach (var action in AccessTable.ActionNames)
        {
            Assert.Null(AccessChecker.Check(AccessValue.Manage, AccessTable.For(action)!, "c"));
        }
    }

    [Fact]
    public void EveryGrpcMethod_MapsToAnActionWithARequirement()
    {
        foreach (var path in AccessTable.GrpcMethodPaths)
        {
            Assert.NotNull(AccessTable.For(AccessTable.ActionOfGrpcMethod(path)!));
        }
    }

    [Fact]
    public void UnknownActions_HaveNoEntry() => Assert.Null(AccessTable.For("no_such_action"));

    [Fact]
    public void ScopedTokens_MatchCollectionNamesExactlyAsWritten()
    {
        Assert.NotNull(AccessChecker.Check(Scoped, Requirement.CollectionRead, "R_COL"));
        Assert.True(Scoped.CanSee("r_col"));
        Assert.False(Scoped.CanSee("alias_of_r_col"));
    }
}
