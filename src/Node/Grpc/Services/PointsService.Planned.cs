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
}
