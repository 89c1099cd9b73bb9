using Citadel.Storage.Payloads;
using Citadel.Storage.Query;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>Grouped queries in (<c>QueryPointGroups</c>, the group fields of the legacy methods) and <c>GroupsResult</c> out.</summary>
internal static class GroupConversions
{
    public static QueryGroupsRequest QueryGroups(G.QueryPointGroups r)
    {
        GrpcInput.NoShardKey(r.ShardKeySelector);
        GrpcInput.ReadConsistency(r.ReadConsistency);
        GrpcInput.Timeout(r.HasTimeout, r.Timeout);
        var source = QueryConversions.ToDomain(new G.QueryPoints
        {
            CollectionName = r.CollectionName,
            Prefetch = { r.Prefetch },
            Query = r.Query,
            Using = r.HasUsing ? r.Using : string.Empty,
            Filter = r.Filter,
            Params = r.Params,
            WithPayload = r.WithPayload,
            WithVectors = r.WithVectors,
            LookupFrom = r.LookupFrom,
        });
        if (r.HasScoreThreshold)
        {
            source = source with { ScoreThreshold = GrpcInput.Finite(r.ScoreThreshold, "score_threshold") };
        }

        return new QueryGroupsRequest(source, GroupBy(r.GroupBy))
        {
            GroupSize = r.HasGroupSize ? GrpcInput.Limit(r.GroupSize) : QueryGroupsRequest.DefaultGroupSize,
            Limit = r.HasLimit ? GrpcInput.Limit(r.Limit) : QueryRequest.DefaultLimit,
            WithLookup = WithLookup(r.WithLookup),
        };
    }

    /// <summary>The group fields of the legacy group methods, where both counts are required.</summary>
    public static QueryGroupsRequest Groups(QueryRequest source, string groupBy, uint groupSize, uint limit, G.WithLookup? withLookup) =>
        new(source, GroupBy(groupBy))
        {
            GroupSize = GrpcInput.Limit(groupSize),
            Limit = GrpcInput.Limit(limit),
            WithLookup = WithLookup(withLookup),
        };

    public static G.GroupsResult ToProto(IEnumerable<PointGroup> groups)
    {
        var result = new G.GroupsResult();
        foreach (var g in groups)
        {
            var group = new G.PointGroup { Id = Id(g.Id) };
            group.Hits.AddRange(g.Hits.Select(PointConversions.ToProto));
            if (g.Lookup is { } lookup)
            {
                group.Lookup = PointConversions.ToProto(lookup);
            }

            result.Groups.Add(group);
        }

        return result;
    }

    private static G.GroupId Id(GroupId id) => id.Kind switch
    {
        GroupIdKind.String => new G.GroupId { StringValue = id.Text },
        GroupIdKind.Unsigned => new G.GroupId { UnsignedValue = id.Unsigned },
        _ => new G.GroupId { IntegerValue = id.Signed },
    };

    private static JsonPath GroupBy(string groupBy) =>
        groupBy.Length > 0 ? JsonPath.Parse(groupBy) : throw GrpcInput.Validation("group_by", "length must be at least 1");

    /// <summary><c>WithLookup</c>; its payload defaults to all of it, as in the REST shape.</summary>
    private static WithLookup? WithLookup(G.WithLookup? l) => l is null
        ? null
        : new WithLookup(l.Collection, SelectorConversions.WithPayload(l.WithPayload, PayloadSelector.All), SelectorConversions.WithVectors(l.WithVectors));
}
