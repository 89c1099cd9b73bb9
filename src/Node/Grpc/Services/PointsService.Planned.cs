using Citadel.Grpc;
using Grpc.Core;

namespace Citadel.Node.Grpc.Services;

/// <summary>Methods of <c>qdrant.Points</c> whose feature lands later: UNIMPLEMENTED naming the feature, like the REST planned endpoints.</summary>
internal sealed partial class PointsService
{
    public override Task<PointsOperationResponse> CreateFieldIndex(CreateFieldIndexCollection request, ServerCallContext context) =>
        Planned.Fail<PointsOperationResponse>(context, "payload indexes");

    public override Task<PointsOperationResponse> DeleteFieldIndex(DeleteFieldIndexCollection request, ServerCallContext context) =>
        Planned.Fail<PointsOperationResponse>(context, "payload indexes");

    public override Task<PointsOperationResponse> CreateVectorName(CreateVectorNameRequest request, ServerCallContext context) =>
        Planned.Fail<PointsOperationResponse>(context, "named vector management");

    public override Task<PointsOperationResponse> DeleteVectorName(DeleteVectorNameRequest request, ServerCallContext context) =>
        Planned.Fail<PointsOperationResponse>(context, "named vector management");

    public override Task<FacetResponse> Facet(FacetCounts request, ServerCallContext context) =>
        Planned.Fail<FacetResponse>(context, "facets");
}
