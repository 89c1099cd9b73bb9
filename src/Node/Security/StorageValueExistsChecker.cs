using System.Text.Json;
using Citadel.Auth;
using Citadel.Auth.Jwt;
using Citadel.Storage.Collections;
using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;

namespace Citadel.Node.Security;

/// <summary>
/// Answers a token's <c>value_exists</c> claim with a real lookup: is there a point in the named collection (aliases
/// resolved) whose payload has every listed value? Runs with internal access: not audited, not limited by the token.
/// </summary>
internal sealed class StorageValueExistsChecker(CollectionManager collections) : IValueExistsChecker
{
    public ValueTask<ValueExistsResult> CheckAsync(ValueExistsClaim claim, CancellationToken cancellationToken)
    {
        if (collections.TryGet(claim.Collection) is not { } collection)
        {
            return ValueTask.FromResult(ValueExistsResult.CollectionMissing);
        }

        var conditions = new List<Condition>(claim.Matches.Count);
        foreach (var match in claim.Matches)
        {
            if (!JsonPath.TryParse(match.Key, out var key))
            {
                return ValueTask.FromResult(ValueExistsResult.NoMatch);
            }

            var scalar = match.Value switch
            {
                string s => MatchScalar.Of(s),
                long l => MatchScalar.Of(l),
                bool b => MatchScalar.Of(b),
                _ => throw new JsonException("unsupported value_exists value"),
            };
            conditions.Add(new FieldCondition(key!) { Match = new MatchValue(scalar) });
        }

        var page = collection.Scroll(new Storage.Search.ScrollRequest { Limit = 1, Filter = new Filter(conditions, [], [], null), WithPayload = PayloadSelector.None });
        return ValueTask.FromResult(page.Points.Count > 0 ? ValueExistsResult.Exists : ValueExistsResult.NoMatch);
    }
}
