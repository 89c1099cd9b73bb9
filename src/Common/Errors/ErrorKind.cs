namespace Citadel.Common.Errors;

/// <summary>Machine-readable error category; mapped once to HTTP and gRPC status codes by the node.</summary>
public enum ErrorKind
{
    /// <summary>Semantically wrong input ("Wrong input: ", HTTP 400).</summary>
    BadInput,

    /// <summary>The named thing exists already ("Wrong input: ", HTTP 409).</summary>
    AlreadyExists,

    /// <summary>The named thing does not exist ("Not found: ", HTTP 404).</summary>
    NotFound,

    /// <summary>A request that cannot be served as asked ("Bad request: ", HTTP 400).</summary>
    BadRequest,

    /// <summary>The body could not be read as the expected JSON shape (HTTP 400).</summary>
    Format,

    /// <summary>The body has the right shape but a value is out of its allowed range (HTTP 422).</summary>
    Validation,

    /// <summary>The caller is authenticated but not allowed ("Forbidden: ", HTTP 403).</summary>
    Forbidden,

    /// <summary>The caller is not authenticated (HTTP 401, bare text body).</summary>
    Unauthorized,

    /// <summary>The operation did not finish in time ("Timeout: ", HTTP 408).</summary>
    Timeout,

    /// <summary>Running as a single node ("Qdrant is running in standalone mode", HTTP 405).</summary>
    StandaloneMode,

    /// <summary>Not implemented by this build (HTTP 501 / gRPC UNIMPLEMENTED).</summary>
    Unimplemented,

    /// <summary>Too many requests ("Rate limiting exceeded: ", HTTP 429).</summary>
    RateLimited,

    /// <summary>Out of disk or memory ("Insufficient storage: ", HTTP 507).</summary>
    InsufficientStorage,

    /// <summary>A shard cannot serve right now ("Shard temporarily unavailable: ", HTTP 503).</summary>
    Unavailable,

    /// <summary>A checksum did not match (HTTP 400, gRPC DATA_LOSS).</summary>
    ChecksumMismatch,

    /// <summary>A bug or an unexpected I/O failure ("Service internal error: ", HTTP 500).</summary>
    Internal,
}
