using Citadel.Auth.Access;
using Citadel.Node.Cluster.Forwarding;
using Citadel.Node.Cluster.Protocol;
using Citadel.Node.Security;
using Google.Protobuf;
using AccessValue = Citadel.Auth.Access.Access;

namespace Citadel.Tests.Unit.Cluster;

/// <summary>The access decided on the receiving peer, carried to the holder in <c>x-citadel-access-bin</c>.</summary>
public sealed class DecidedAccessCodecTests
{
    public static TheoryData<string> Shapes => [.. AllShapes().Keys];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryAccessShape_RoundTripsOverTheWire(string shape)
    {
        var original = AllShapes()[shape];

        var decoded = DecidedAccessCodec.Decode(DecidedAccess.Parser.ParseFrom(DecidedAccessCodec.Encode(original).ToByteArray()));

        AssertSame(original, decoded);
    }

    [Fact]
    public void ScopedAccess_KeepsEachCollectionsMode()
    {
        var original = new RequestAuth(
            AccessValue.ForCollections([new("books", CollectionAccessMode.Read), new("cars", CollectionAccessMode.ReadWrite), new("logs", CollectionAccessMode.PointsReadWrite)]),
            AuthType.Jwt,
            "alice");

        var decoded = RoundTrip(original);

        Assert.True(decoded.Access.IsScoped);
        Assert.Equal(CollectionAccessMode.Read, decoded.Access.ModeFor("books"));
        Assert.Equal(CollectionAccessMode.ReadWrite, decoded.Access.ModeFor("cars"));
        Assert.Equal(CollectionAccessMode.PointsReadWrite, decoded.Access.ModeFor("logs"));
        Assert.Null(decoded.Access.ModeFor("other"));
        Assert.False(decoded.Access.CanSee("other"));
    }

    [Fact]
    public void MissingDecision_DecodesToNoAccessAtAll()
    {
        var decoded = DecidedAccessCodec.Decode(null);

        Assert.True(decoded.Access.IsScoped);
        Assert.Null(decoded.Access.Global);
        Assert.Empty(decoded.Access.Collections);
        Assert.False(decoded.Access.CanSee("anything"));
        Assert.Equal(AuthType.None, decoded.Type);
        Assert.Null(decoded.Subject);
    }

    [Fact]
    public void EmptyMessage_DecodesToNoAccessAtAll()
    {
        var decoded = DecidedAccessCodec.Decode(DecidedAccess.Parser.ParseFrom(Array.Empty<byte>()));

        Assert.True(decoded.Access.IsScoped);
        Assert.Empty(decoded.Access.Collections);
        Assert.Equal(AuthType.None, decoded.Type);
        Assert.Null(decoded.Subject);
    }

    [Fact]
    public void UnknownGlobalMode_DecodesToTheListedCollectionsOnly()
    {
        var decided = new DecidedAccess { Global = (GlobalMode)7, AuthType = AuthKind.ApiKey };
        decided.Collections.Add(new CollectionGrant { Collection = "books", Mode = GrantMode.Read });

        var decoded = DecidedAccessCodec.Decode(DecidedAccess.Parser.ParseFrom(decided.ToByteArray()));

        Assert.True(decoded.Access.IsScoped);
        Assert.Equal([new CollectionAccess("books", CollectionAccessMode.Read)], decoded.Access.Collections);
    }

    [Fact]
    public void UnknownGrantMode_DecodesToRead()
    {
        var decided = new DecidedAccess { Global = GlobalMode.Scoped };
        decided.Collections.Add(new CollectionGrant { Collection = "books", Mode = (GrantMode)9 });

        var decoded = DecidedAccessCodec.Decode(DecidedAccess.Parser.ParseFrom(decided.ToByteArray()));

        Assert.Equal(CollectionAccessMode.Read, decoded.Access.ModeFor("books"));
    }

    [Fact]
    public void UnknownAuthKind_DecodesToNone()
    {
        var decided = new DecidedAccess { Global = GlobalMode.Read, AuthType = (AuthKind)5, Subject = "bob" };

        var decoded = DecidedAccessCodec.Decode(DecidedAccess.Parser.ParseFrom(decided.ToByteArray()));

        Assert.Equal(AuthType.None, decoded.Type);
        Assert.Equal(GlobalAccessMode.Read, decoded.Access.Global);
        Assert.Equal("bob", decoded.Subject);
    }

    [Fact]
    public void GlobalModes_IgnoreAnyCollectionList()
    {
        var decided = new DecidedAccess { Global = GlobalMode.Read };
        decided.Collections.Add(new CollectionGrant { Collection = "books", Mode = GrantMode.ReadWrite });

        var decoded = DecidedAccessCodec.Decode(decided);

        Assert.Equal(GlobalAccessMode.Read, decoded.Access.Global);
        Assert.Empty(decoded.Access.Collections);
    }

    [Fact]
    public void Encode_WritesTheEnumValuesThePeerProtocolDefines()
    {
        var encoded = DecidedAccessCodec.Encode(new RequestAuth(AccessValue.ForCollections([new("c", CollectionAccessMode.PointsReadWrite)]), AuthType.ApiKey, null));

        Assert.Equal(GlobalMode.Scoped, encoded.Global);
        Assert.Equal(AuthKind.ApiKey, encoded.AuthType);
        Assert.Equal(GrantMode.PointsReadWrite, Assert.Single(encoded.Collections).Mode);
        Assert.Equal(string.Empty, encoded.Subject);
        Assert.Equal(GlobalMode.Manage, DecidedAccessCodec.Encode(RequestAuth.Anonymous).Global);
    }

    private static Dictionary<string, RequestAuth> AllShapes() => new(StringComparer.Ordinal)
    {
        ["anonymous"] = RequestAuth.Anonymous,
        ["manage api key"] = new(AccessValue.Manage, AuthType.ApiKey, null),
        ["manage jwt with subject"] = new(AccessValue.Manage, AuthType.Jwt, "admin@example"),
        ["read-only api key"] = new(AccessValue.Read, AuthType.ApiKey, null),
        ["read jwt"] = new(AccessValue.Read, AuthType.Jwt, "reader"),
        ["no collections"] = new(AccessValue.ForCollections([]), AuthType.Jwt, "nobody"),
        ["r"] = new(AccessValue.ForCollections([new("books", CollectionAccessMode.Read)]), AuthType.Jwt, "u1"),
        ["rw"] = new(AccessValue.ForCollections([new("books", CollectionAccessMode.ReadWrite)]), AuthType.Jwt, null),
        ["prw"] = new(AccessValue.ForCollections([new("books", CollectionAccessMode.PointsReadWrite)]), AuthType.Jwt, "u3"),
        ["mixed"] = new(
            AccessValue.ForCollections([new("a", CollectionAccessMode.PointsReadWrite), new("b", CollectionAccessMode.Read), new("ünïcode name", CollectionAccessMode.ReadWrite)]),
            AuthType.Jwt,
            "sübject"),
    };

    private static RequestAuth RoundTrip(RequestAuth auth) =>
        DecidedAccessCodec.Decode(DecidedAccess.Parser.ParseFrom(DecidedAccessCodec.Encode(auth).ToByteArray()));

    private static void AssertSame(RequestAuth expected, RequestAuth actual)
    {
        Assert.Equal(expected.Access.Global, actual.Access.Global);
        Assert.Equal(expected.Access.IsScoped, actual.Access.IsScoped);
        Assert.Equal(expected.Access.Collections, actual.Access.Collections);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Subject, actual.Subject);
    }
}
