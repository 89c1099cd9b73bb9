using Citadel.Common.Errors;
using Grpc.Core;

namespace Citadel.Node.Errors;

/// <summary>The one place where an <see cref="ErrorKind"/> becomes an HTTP status and a gRPC status code (Qdrant's table).</summary>
internal static class ErrorMapping
{
    public static int HttpStatus(ErrorKind kind) => kind switch
    {
        ErrorKind.BadInput or ErrorKind.BadRequest or ErrorKind.Format or ErrorKind.ChecksumMismatch => StatusCodes.Status400BadRequest,
        ErrorKind.Validation => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.AlreadyExists => StatusCodes.Status409Conflict,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Timeout => StatusCodes.Status408RequestTimeout,
        ErrorKind.StandaloneMode => StatusCodes.Status405MethodNotAllowed,
        ErrorKind.Unimplemented => StatusCodes.Status501NotImplemented,
        ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorKind.InsufficientStorage => StatusCodes.Status507InsufficientStorage,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static StatusCode GrpcStatus(ErrorKind kind) => kind switch
    {
        ErrorKind.BadInput or ErrorKind.BadRequest or ErrorKind.Format or ErrorKind.Validation => StatusCode.InvalidArgument,
        ErrorKind.AlreadyExists => StatusCode.AlreadyExists,
        ErrorKind.NotFound => StatusCode.NotFound,
        ErrorKind.Unauthorized => StatusCode.Unauthenticated,
        ErrorKind.Forbidden => StatusCode.PermissionDenied,
        ErrorKind.Timeout => StatusCode.DeadlineExceeded,
        ErrorKind.StandaloneMode or ErrorKind.Unimplemented => StatusCode.Unimplemented,
        ErrorKind.RateLimited or ErrorKind.InsufficientStorage => StatusCode.ResourceExhausted,
        ErrorKind.Unavailable => StatusCode.Unavailable,
        ErrorKind.ChecksumMismatch => StatusCode.DataLoss,
        _ => StatusCode.Internal,
    };
}
