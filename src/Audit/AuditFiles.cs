using System.Globalization;

namespace Citadel.Audit;

/// <summary>Qdrant's file names: <c>audit.YYYY-MM-DD.log</c> (daily) and <c>audit.YYYY-MM-DD-HH.log</c> (hourly), UTC.</summary>
public static class AuditFiles
{
    /// <summary>The file an entry written at <paramref name="time"/> belongs to.</summary>
    public static string NameFor(DateTimeOffset time, AuditRotationPeriod rotation)
    {
        var t = time.UtcDateTime;
        return rotation == AuditRotationPeriod.Hourly
            ? $"audit.{t.ToString("yyyy-MM-dd-HH", CultureInfo.InvariantCulture)}.log"
            : $"audit.{t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.log";
    }

    /// <summary>
    /// The time span a file can hold: [start, end) from its name, or everything for a plain <c>audit.log</c> or a name we
    /// do not recognise (Qdrant's reader accepts any <c>audit*.log</c>).
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) SpanOf(string fileName)
    {
        var stem = fileName.StartsWith("audit.", StringComparison.Ordinal) && fileName.EndsWith(".log", StringComparison.Ordinal)
            ? fileName[6..^4]
            : string.Empty;
        if (DateTime.TryParseExact(stem, "yyyy-MM-dd-HH", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var hour))
        {
            var start = new DateTimeOffset(hour, TimeSpan.Zero);
            return (start, start.AddHours(1));
        }

        if (DateTime.TryParseExact(stem, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
        {
            var start = new DateTimeOffset(day, TimeSpan.Zero);
            return (start, start.AddDays(1));
        }

        return (DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
    }

    /// <summary>Audit files in <paramref name="directory"/>, newest first (a plain <c>audit.log</c> counts as newest).</summary>
    public static List<string> NewestFirst(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, "audit*.log")
            .OrderByDescending(f => SpanOf(Path.GetFileName(f)).End)
            .ThenByDescending(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
    }
}
