using Citadel.Storage.Index.Payload.Facets;
using Citadel.Storage.Payloads;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary><c>FacetCounts</c> in, <c>FacetHit</c>s out (UUIDs as strings, like Qdrant).</summary>
internal static class FacetConversions
{
    public static FacetRequest Request(G.FacetCounts r)
    {
        GrpcInput.NoShardKey(r.ShardKeySelector);
        GrpcInput.ReadConsistency(r.ReadConsistency);
        GrpcInput.Timeout(r.HasTimeout, r.Timeout);
        if (r.HasLimit && r.Limit == 0)
        {
            throw GrpcInput.Validation("limit", "value 0 invalid, must be 1 or more");
        }

        return new FacetRequest(JsonPath.Parse(r.Key))
        {
            Filter = FilterConversions.ToDomainOrNull(r.Filter),
            Limit = r.HasLimit ? (int)Math.Min(r.Limit, int.MaxValue) : FacetRequest.DefaultLimit,
            Exact = r.HasExact && r.Exact,
        };
    }

    public static G.FacetHit ToProto(FacetHit hit)
    {
        var value = new G.FacetValue();
        switch (hit.Value.Kind)
        {
            case FacetValueKind.Integer:
                value.IntegerValue = hit.Value.Integer;
                break;
            case FacetValueKind.Bool:
                value.BoolValue = hit.Value.Bool;
                break;
            default:
                value.StringValue = hit.Value.ToString();
                break;
        }

        return new G.FacetHit { Value = value, Count = (ulong)hit.Count };
    }
}
