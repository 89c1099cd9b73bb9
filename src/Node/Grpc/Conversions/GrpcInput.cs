using System.Globalization;
using System.Text;
using Citadel.Node.Api;
using Grpc.Core;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// Checks on raw gRPC request fields. Protobuf gives every field a default and lets enums carry any integer, so
/// each value is checked here and a bad one becomes INVALID_ARGUMENT with Qdrant's wording, never INTERNAL.
/// </summary>
internal static class GrpcInput
{
    /// <summary>Longest excerpt of client text echoed back in an error message.</summary>
    private const int EchoLimit = 64;

    /// <summary>An INVALID_ARGUMENT status carrying <paramref name="message"/> verbatim (tonic's <c>Status::invalid_argument</c>).</summary>
    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    /// <summary>A field-level validation failure, worded like Qdrant's request validator.</summary>
    public static RpcException Validation(string field, string problem) => Invalid($"Validation error in body: {field}: {problem}");

    /// <summary>Client text shortened for an error message.</summary>
    public static string Echo(string text) => text.Length <= EchoLimit ? text : string.Concat(text.AsSpan(0, EchoLimit), "…");

    /// <summary>A required message field.</summary>
    public static T Require<T>(T? value, string message)
        where T : class => value ?? throw Invalid(message);

    /// <summary>Qdrant validates <c>collection_name</c> as 1 to 255 bytes on every request.</summary>
    public static string CollectionName(string name)
    {
        var bytes = Encoding.UTF8.GetByteCount(name);
        return bytes is >= 1 and <= 255 ? name : throw Validation("collection_name", "length must be between 1 and 255 bytes");
    }

    /// <summary>The optional <c>timeout</c> field in seconds; Qdrant requires at least 1.</summary>
    public static TimeSpan? Timeout(bool has, ulong seconds)
    {
        if (!has)
        {
            return null;
        }

        return seconds is >= 1 and <= 86_400UL * 365 ? TimeSpan.FromSeconds(seconds) : throw Validation("timeout", $"value {seconds} invalid, must be 1 or more");
    }

    /// <summary>A result count: 1 to <see cref="Rest.Parsing.SearchParser.MaxLimit"/>, like the REST adapter.</summary>
    public static int Limit(ulong value) =>
        value is >= 1 and <= Rest.Parsing.SearchParser.MaxLimit
            ? (int)value
            : throw Validation("limit", $"value {value} invalid, must be from 1 to {Rest.Parsing.SearchParser.MaxLimit}");

    /// <summary>An offset; anything past <see cref="int.MaxValue"/> skips every result anyway, so it is capped.</summary>
    public static int Offset(ulong value) => (int)Math.Min(value, int.MaxValue);

    /// <summary>A configuration count that the domain keeps as <see cref="int"/>.</summary>
    public static int Count(ulong value, string field) =>
        value <= int.MaxValue ? (int)value : throw Validation(field, $"value {value} is too large");

    /// <summary>A replication-style factor that must be at least 1.</summary>
    public static uint Positive(uint value, string field) =>
        value >= 1 ? value : throw Validation(field, "value 0 invalid, must be 1 or more");

    /// <summary>A finite float (score thresholds).</summary>
    public static float Finite(float value, string field) =>
        float.IsFinite(value) ? value : throw Validation(field, $"value {value.ToString(CultureInfo.InvariantCulture)} invalid, must be a finite number");

    /// <summary>An enum value the client sent as a raw integer; unknown numbers are refused.</summary>
    public static T Known<T>(T value, string what)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw Invalid($"Unknown {what}: {Convert.ToInt32(value, CultureInfo.InvariantCulture)}");

    /// <summary>Custom sharding is not available yet; a shard key selector is refused, as by the REST adapter.</summary>
    public static void NoShardKey(object? selector)
    {
        if (selector is not null)
        {
            throw Common.Errors.CitadelException.BadRequest("Shard selection is only supported for collections with custom sharding");
        }
    }

    /// <summary><c>wait</c>, <c>ordering</c> and <c>timeout</c> of an update request, as the REST query parameters.</summary>
    public static WriteParams Write(bool hasWait, bool wait, Citadel.Grpc.WriteOrdering? ordering, bool hasTimeout, ulong timeout)
    {
        var order = WriteOrdering.Weak;
        if (ordering is not null)
        {
            order = ordering.Type switch
            {
                Citadel.Grpc.WriteOrderingType.Weak => WriteOrdering.Weak,
                Citadel.Grpc.WriteOrderingType.Medium => WriteOrdering.Medium,
                Citadel.Grpc.WriteOrderingType.Strong => WriteOrdering.Strong,
                var other => throw Invalid($"cannot convert ordering: {(int)other}"),
            };
        }

        return new WriteParams(hasWait && wait, order, Timeout(hasTimeout, timeout));
    }

    /// <summary>Checks <c>read_consistency</c> like the REST <c>consistency</c> parameter (accepted; one replica answers).</summary>
    public static void ReadConsistency(Citadel.Grpc.ReadConsistency? consistency)
    {
        switch (consistency)
        {
            case null:
                return;
            case { ValueCase: Citadel.Grpc.ReadConsistency.ValueOneofCase.Type }:
                Known(consistency.Type, "read consistency type");
                return;
            case { ValueCase: Citadel.Grpc.ReadConsistency.ValueOneofCase.Factor, Factor: 0 }:
                throw Validation("read_consistency", "factor must be at least 1");
        }
    }
}
