using Citadel.Common.Errors;
using Grpc.Core;

namespace Citadel.Node.Grpc;

/// <summary>
/// Qdrant methods whose feature lands in a later milestone answer UNIMPLEMENTED naming the method and the feature,
/// worded like the REST adapter's planned endpoints, rather than the framework's bare "method is unimplemented".
/// </summary>
internal static class Planned
{
    public static Task<T> Fail<T>(ServerCallContext context, string feature) => Task.FromException<T>(Error(context, feature));

    /// <summary>For server-streaming methods.</summary>
    public static Task Fail(ServerCallContext context, string feature) => Task.FromException(Error(context, feature));

    private static CitadelException Error(ServerCallContext context, string feature) =>
        new(ErrorKind.Unimplemented, $"`{context.Method.TrimStart('/')}` is not implemented yet ({feature})");
}
