using Citadel.Auth.Access;
using Citadel.Common.Errors;
using Citadel.Node.Api;
using Citadel.Node.Security;
using Citadel.Storage.Payloads;
using Citadel.Storage.Query;
using Citadel.Storage.Search;
using AccessValue = Citadel.Auth.Access.Access;

namespace Citadel.Tests.Unit.Api;

public sealed class LookupAccessTests
{
    private static readonly RequestAuth Scoped = new(
        AccessValue.ForCollections([new CollectionAccess("main", CollectionAccessMode.Read), new CollectionAccess("docs", CollectionAccessMode.PointsReadWrite)]),
        AuthType.Jwt,
        null);

    [Fact]
    public void LookupFromInANestedPrefetch_NotInTheToken_IsForbiddenNamingIt()
    {
        var request = new QueryRequest
        {
            Prefetches = [new Prefetch { Prefetches = [new Prefetch { LookupFrom = new LookupLocation("secret", null) }] }],
            LookupFrom = new LookupLocation("docs", null),
        };

        var e = Assert.Throws<CitadelException>(() => LookupAccess.Require(Scoped, request.LookupCollections()));

        Assert.Equal(ErrorKind.Forbidden, e.Kind);
        Assert.Equal("Forbidden: Access to collection secret is required", e.Message);
    }

    [Fact]
    public void WithLookupCollection_NotInTheToken_IsForbidden_AnyListedModeIsEnough()
    {
        var allowed = new QueryGroupsRequest(new QueryRequest { LookupFrom = new LookupLocation("docs", null) }, JsonPath.Parse("g"))
        {
            WithLookup = new WithLookup("main", PayloadSelector.All, VectorSelector.None),
        };
        var denied = allowed with { WithLookup = new WithLookup("other", PayloadSelector.All, VectorSelector.None) };

        LookupAccess.Require(Scoped, LookupAccess.Of(allowed));
        var e = Assert.Throws<CitadelException>(() => LookupAccess.Require(Scoped, LookupAccess.Of(denied)));

        Assert.Equal("Forbidden: Access to collection other is required", e.Message);
    }
}
