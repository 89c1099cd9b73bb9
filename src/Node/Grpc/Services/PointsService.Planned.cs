using Citadel.Grpc;
using Grpc.Core;

namespace Citadel.Node.Grpc.Services;

/// <summary>Methods of <c>qdrant.Points</c> whose feature lands later: UNIMPLEMENTED naming the feature, like the REST planned endpoints.</summary>
internal sealed partial class PointsService
{
    public override Task<PointsOperationResponse> CreateVectorName(CreateVectorNameRequest request, ServerCallContext context) =>
        Planned.Fail<PointsOperationResponse>(context, "named vector management");

    public override Task<PointsOperationResponse> DeleteVectorName(DeleteVectorNameRequest request, ServerCallContext context) =>
        Planned.Fail<PointsOperationResponse>(context, "named vector management");

    public override Task<SearchGroupsResponse> SearchGroups(SearchPointGroups request, ServerCallContext context) =>
        Planned.Fail<SearchGroupsResponse>(context, "grouped search");

    public override Task<QueryGroupsResponse> QueryGroups(QueryPointGroups request, ServerCallContext context) =>
        Planned.Fail<QueryGroupsResponse>(context, "grouped queries");

    public override Task<RecommendResponse> Recommend(RecommendPoints request, ServerCallContext context) =>
        Planned.Fail<RecommendResponse>(context, "recommendations");

    public override Task<RecommendBatchResponse> RecommendBatch(RecommendBatchPoints request, ServerCallContext context) =>
        Planned.Fail<RecommendBatchResponse>(context, "recommendations");

    public override Task<RecommendGroupsResponse> RecommendGroups(RecommendPointGroups request, ServerCallContext context) =>
        Planned.Fail<RecommendGroupsResponse>(context, "recommendations");

    public override Task<DiscoverResponse> Discover(DiscoverPoints request, ServerCallContext context) =>
        Planned.Fail<DiscoverResponse>(context, "discovery search");

    public override Task<DiscoverBatchResponse> DiscoverBatch(DiscoverBatchPoints request, ServerCallContext context) =>
        Planned.Fail<DiscoverBatchResponse>(context, "discovery search");

    public override Task<SearchMatrixPairsResponse> SearchMatrixPairs(SearchMatrixPoints request, ServerCallContext context) =>
        Planned.Fail<SearchMatrixPairsResponse>(context, "distance matrices");

    public override Task<SearchMatrixOffsetsResponse> SearchMatrixOffsets(SearchMatrixPoints request, ServerCallContext context) =>
        Planned.Fail<SearchMatrixOffsetsResponse>(context, "distance matrices");
}
