namespace Citadel.Common.Errors;

/// <summary>
/// An error that reaches the caller. The message is already the text Qdrant would show,
/// including its prefix ("Wrong input: ", "Not found: ", …), so both adapters render it as is.
/// </summary>
public sealed class CitadelException : Exception
{
    /// <summary>Creates an error of the given kind; the kind's prefix is prepended to <paramref name="detail"/>.</summary>
    public CitadelException(ErrorKind kind, string detail)
        : base(Prefix(kind) + detail)
    {
        Kind = kind;
        Detail = detail;
    }

    /// <summary>Creates an error that wraps the exception that caused it.</summary>
    public CitadelException(ErrorKind kind, string detail, Exception inner)
        : base(Prefix(kind) + detail, inner)
    {
        Kind = kind;
        Detail = detail;
    }

    /// <summary>The category that decides the status code.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The message without its prefix.</summary>
    public string Detail { get; }

    /// <summary>Seconds after which a rate-limited caller may retry, when known.</summary>
    public double? RetryAfterSeconds { get; init; }

    /// <summary>Shortcut for <see cref="ErrorKind.BadInput"/>.</summary>
    public static CitadelException BadInput(string detail) => new(ErrorKind.BadInput, detail);

    /// <summary>Shortcut for <see cref="ErrorKind.NotFound"/>.</summary>
    public static CitadelException NotFound(string detail) => new(ErrorKind.NotFound, detail);

    /// <summary>Shortcut for <see cref="ErrorKind.BadRequest"/>.</summary>
    public static CitadelException BadRequest(string detail) => new(ErrorKind.BadRequest, detail);

    /// <summary>Shortcut for <see cref="ErrorKind.Format"/>: the body is not the expected JSON.</summary>
    public static CitadelException Format(string detail) => new(ErrorKind.Format, detail);

    /// <summary>Shortcut for <see cref="ErrorKind.Validation"/>.</summary>
    public static CitadelException Validation(string detail) => new(ErrorKind.Validation, detail);

    /// <summary>Shortcut for <see cref="ErrorKind.Forbidden"/>.</summary>
    public static CitadelException Forbidden(string detail) => new(ErrorKind.Forbidden, detail);

    /// <summary>Shortcut for <see cref="ErrorKind.Internal"/>.</summary>
    public static CitadelException Internal(string detail) => new(ErrorKind.Internal, detail);

    private static string Prefix(ErrorKind kind) => kind switch
    {
        ErrorKind.BadInput or ErrorKind.AlreadyExists => "Wrong input: ",
        ErrorKind.NotFound => "Not found: ",
        ErrorKind.BadRequest => "Bad request: ",
        ErrorKind.Format => "Format error in JSON body: ",
        ErrorKind.Validation => "Validation error in JSON body: ",
        ErrorKind.Forbidden => "Forbidden: ",
        ErrorKind.Timeout => "Timeout: ",
        ErrorKind.RateLimited => "Rate limiting exceeded: ",
        ErrorKind.InsufficientStorage => "Insufficient storage: ",
        ErrorKind.Unavailable => "Shard temporarily unavailable: ",
        ErrorKind.Internal => "Service internal error: ",
        _ => string.Empty,
    };
}
