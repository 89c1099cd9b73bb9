using Google.Protobuf.WellKnownTypes;

namespace Citadel.Node.Grpc.Conversions;

/// <summary><c>google.protobuf.Timestamp</c> within the range the protobuf documentation allows (years 1 to 9999).</summary>
internal static class Timestamps
{
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    public static DateTimeOffset? ToDomain(Timestamp? t)
    {
        if (t is null)
        {
            return null;
        }

        if (t.Seconds is < MinSeconds or > MaxSeconds || t.Nanos is < 0 or > 999_999_999)
        {
            throw GrpcInput.Invalid($"Unable to parse timestamp: seconds {t.Seconds}, nanos {t.Nanos}");
        }

        return t.ToDateTimeOffset();
    }
}
