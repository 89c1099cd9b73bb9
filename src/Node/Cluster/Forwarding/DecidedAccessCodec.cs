using Citadel.Auth.Access;
using Citadel.Node.Cluster.Protocol;
using Citadel.Node.Security;
using AccessValue = Citadel.Auth.Access.Access;

namespace Citadel.Node.Cluster.Forwarding;

/// <summary>Carries a <see cref="RequestAuth"/> decided on one peer to the peer that runs the request.</summary>
internal static class DecidedAccessCodec
{
    public static DecidedAccess Encode(RequestAuth auth)
    {
        var decided = new DecidedAccess
        {
            Global = auth.Access.Global switch
            {
                GlobalAccessMode.Manage => GlobalMode.Manage,
                GlobalAccessMode.Read => GlobalMode.Read,
                _ => GlobalMode.Scoped,
            },
            AuthType = auth.Type switch
            {
                AuthType.ApiKey => AuthKind.ApiKey,
                AuthType.Jwt => AuthKind.Jwt,
                _ => AuthKind.None,
            },
            Subject = auth.Subject ?? string.Empty,
        };
        decided.Collections.AddRange(auth.Access.Collections.Select(c => new CollectionGrant
        {
            Collection = c.Collection,
            Mode = c.Mode switch
            {
                CollectionAccessMode.ReadWrite => GrantMode.ReadWrite,
                CollectionAccessMode.PointsReadWrite => GrantMode.PointsReadWrite,
                _ => GrantMode.Read,
            },
        }));
        return decided;
    }

    /// <summary>Decodes a decision; unknown enum values (a newer peer) decode to the narrower meaning.</summary>
    public static RequestAuth Decode(DecidedAccess? decided)
    {
        if (decided is null)
        {
            return new RequestAuth(AccessValue.ForCollections([]), AuthType.None, null);
        }

        var access = decided.Global switch
        {
            GlobalMode.Manage => AccessValue.Manage,
            GlobalMode.Read => AccessValue.Read,
            _ => AccessValue.ForCollections([.. decided.Collections.Select(c => new CollectionAccess(c.Collection, c.Mode switch
            {
                GrantMode.ReadWrite => CollectionAccessMode.ReadWrite,
                GrantMode.PointsReadWrite => CollectionAccessMode.PointsReadWrite,
                _ => CollectionAccessMode.Read,
            }))]),
        };
        var type = decided.AuthType switch
        {
            AuthKind.ApiKey => AuthType.ApiKey,
            AuthKind.Jwt => AuthType.Jwt,
            _ => AuthType.None,
        };
        return new RequestAuth(access, type, decided.Subject.Length > 0 ? decided.Subject : null);
    }
}
