using Citadel.Auth.Access;
using Citadel.Common.Errors;
using Citadel.Node.Security;
using Citadel.Storage.Query;

namespace Citadel.Node.Api;

/// <summary>
/// Collections named inside a request body (<c>lookup_from</c> at any level, <c>with_lookup</c>) are read too, so
/// the caller must be allowed to read each of them, not only the collection in the path that the gate checked.
/// Qdrant answers 403 "Forbidden: Access to collection X is required" otherwise.
/// </summary>
internal static class LookupAccess
{
    public static void Require(RequestAuth auth, IEnumerable<string> collections)
    {
        foreach (var name in collections.Distinct(StringComparer.Ordinal))
        {
            if (AccessChecker.CheckCollection(auth.Access, Requirement.CollectionRead, name) is { } denied)
            {
                throw CitadelException.Forbidden(denied);
            }
        }
    }

    /// <summary>The collections a grouped query reads besides its own.</summary>
    public static IEnumerable<string> Of(QueryGroupsRequest request) =>
        request.WithLookup is { } lookup ? request.Source.LookupCollections().Append(lookup.Collection) : request.Source.LookupCollections();
}
