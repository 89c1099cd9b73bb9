using Google.Protobuf;

namespace Citadel.Node.Grpc;

/// <summary>What the gates read from a gRPC request message.</summary>
internal static class GrpcRequests
{
    /// <summary>Every collection-scoped Qdrant request names its collection in a string field <c>collection_name</c>.</summary>
    public static string? CollectionName(object? request) =>
        request is IMessage message
        && message.Descriptor.FindFieldByName("collection_name") is { FieldType: Google.Protobuf.Reflection.FieldType.String } field
            ? field.Accessor.GetValue(message) as string
            : null;
}
