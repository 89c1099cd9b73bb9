namespace Citadel.Audit;

/// <summary>
/// The timestamp form <see cref="AuditEventJson"/> writes at the start of a line,
/// <c>{"timestamp":"yyyy-MM-ddTHH:mm:ss.ffffffZ"</c> (RFC 3339, UTC, microseconds), encoded and decoded by hand
/// without allocating: one is written for nearly every request and a query may read a million. Anything else on read
/// (a Qdrant-written file with nanoseconds or an offset, a torn line) is declined and left to the general parser.
/// </summary>
internal static class StoredTimestamp
{
    /// <summary>Bytes in the encoded form.</summary>
    public const int Length = 27;

    /// <summary>Writes <paramref name="time"/> in UTC to the first <see cref="Length"/> bytes of <paramref name="output"/>.</summary>
    public static void Write(Span<byte> output, DateTimeOffset time)
    {
        var t = time.UtcDateTime;
        WriteDigits(output[..4], t.Year);
        output[4] = (byte)'-';
        WriteDigits(output[5..7], t.Month);
        output[7] = (byte)'-';
        WriteDigits(output[8..10], t.Day);
        output[10] = (byte)'T';
        WriteDigits(output[11..13], t.Hour);
        output[13] = (byte)':';
        WriteDigits(output[14..16], t.Minute);
        output[16] = (byte)':';
        WriteDigits(output[17..19], t.Second);
        output[19] = (byte)'.';
        WriteDigits(output[20..26], (int)(t.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond));
        output[26] = (byte)'Z';
    }

    public static bool TryRead(ReadOnlySpan<byte> line, out DateTimeOffset timestamp)
    {
        timestamp = default;
        var prefix = "{\"timestamp\":\""u8;
        if (line.Length < prefix.Length + Length + 1 || !line.StartsWith(prefix))
        {
            return false;
        }

        var s = line.Slice(prefix.Length, Length + 1);
        if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[26] != 'Z' || s[27] != '"')
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s[5..7], out var month) || !Digits(s[8..10], out var day)
            || !Digits(s[11..13], out var hour) || !Digits(s[14..16], out var minute) || !Digits(s[17..19], out var second)
            || !Digits(s[20..26], out var micros))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + (micros * TimeSpan.TicksPerMicrosecond);
        timestamp = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static void WriteDigits(Span<byte> digits, int value)
    {
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static bool Digits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
