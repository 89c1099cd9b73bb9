using System.Diagnostics;

namespace Citadel.Node.Grpc;

/// <summary>The <c>time</c> field of Qdrant's responses: seconds since the handler started.</summary>
internal static class Elapsed
{
    public static long Start() => Stopwatch.GetTimestamp();

    public static double Seconds(long start) => Stopwatch.GetElapsedTime(start).TotalSeconds;
}
