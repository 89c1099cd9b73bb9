using System.Text;

namespace Citadel.Storage.Filtering;

/// <summary>
/// Parses date-times the way Qdrant does for payload values and datetime range bounds
/// (<c>DateTimeWrapper::from_str</c> in <c>lib/segment/src/types.rs</c>): RFC 3339 and chrono's relaxed form
/// (<c>T</c>, <c>t</c> or a space between date and time, <c>Z</c> or a <c>±HH:MM</c>, <c>±HHMM</c> or <c>±HH</c>
/// offset), and without an offset <c>YYYY-MM-DD[T| ]HH:MM:SS[.f]</c>, <c>YYYY-MM-DD HH:MM</c> and
/// <c>YYYY-MM-DD</c>, which are taken as UTC. Results are instants in UTC; precision below 100 ns is dropped.
/// </summary>
public static class QdrantDateTime
{
    private const int MaxLength = 128;

    /// <summary>Parses <paramref name="text"/>; false when it is in none of the accepted forms.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length > MaxLength)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[MaxLength * 3];
        return Encoding.UTF8.TryGetBytes(text, utf8, out var written) && TryParse(utf8[..written], out value);
    }

    /// <summary>Parses UTF-8 <paramref name="text"/>; false when it is in none of the accepted forms.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        var reader = new Reader(text);
        if (!reader.Digits(4, 4, out var year) || !reader.Skip((byte)'-') ||
            !reader.Digits(1, 2, out var month) || !reader.Skip((byte)'-') ||
            !reader.Digits(1, 2, out var day))
        {
            return false;
        }

        if (reader.AtEnd)
        {
            return TryBuild(year, month, day, 0, 0, 0, 0, 0, out value);
        }

        var separator = reader.Next();
        if (separator is not ((byte)'T' or (byte)'t' or (byte)' ') ||
            !reader.Digits(1, 2, out var hour) || !reader.Skip((byte)':') || !reader.Digits(1, 2, out var minute))
        {
            return false;
        }

        if (reader.AtEnd)
        {
            // `%Y-%m-%d %H:%M` is the only accepted form without seconds, and it has neither `T` nor an offset.
            return separator == (byte)' ' && TryBuild(year, month, day, hour, minute, 0, 0, 0, out value);
        }

        if (!reader.Skip((byte)':') || !reader.Digits(1, 2, out var second))
        {
            return false;
        }

        long ticks = 0;
        if (reader.Peek() == (byte)'.' && !reader.Fraction(out ticks))
        {
            return false;
        }

        var offsetMinutes = 0;
        if (!reader.AtEnd && !reader.Offset(out offsetMinutes))
        {
            return false;
        }

        return reader.AtEnd && TryBuild(year, month, day, hour, minute, second, ticks, offsetMinutes, out value);
    }

    private static bool TryBuild(int year, int month, int day, int hour, int minute, int second, long fractionTicks, int offsetMinutes, out DateTimeOffset value)
    {
        value = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        if (second == 60)
        {
            // A leap second sorts after :59 and before the next minute, like chrono's representation.
            second = 59;
            fractionTicks = TimeSpan.TicksPerSecond - 1;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fractionTicks
            - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private ref struct Reader(ReadOnlySpan<byte> text)
    {
        private readonly ReadOnlySpan<byte> _text = text;
        private int _pos;

        public readonly bool AtEnd => _pos >= _text.Length;

        public readonly byte Peek() => AtEnd ? (byte)0 : _text[_pos];

        public byte Next() => AtEnd ? (byte)0 : _text[_pos++];

        public bool Skip(byte expected)
        {
            if (Peek() != expected)
            {
                return false;
            }

            _pos++;
            return true;
        }

        public bool Digits(int min, int max, out int value)
        {
            value = 0;
            var count = 0;
            while (count < max && !AtEnd && char.IsAsciiDigit((char)_text[_pos]))
            {
                value = (value * 10) + (_text[_pos++] - '0');
                count++;
            }

            return count >= min;
        }

        // `.` and at least one digit; chrono keeps nine digits and ignores the rest, we keep seven (ticks).
        public bool Fraction(out long ticks)
        {
            ticks = 0;
            _pos++;
            var count = 0;
            while (!AtEnd && char.IsAsciiDigit((char)_text[_pos]))
            {
                if (count < 7)
                {
                    ticks = (ticks * 10) + (_text[_pos] - '0');
                }

                count++;
                _pos++;
            }

            for (var i = count; i < 7; i++)
            {
                ticks *= 10;
            }

            return count > 0;
        }

        public bool Offset(out int minutes)
        {
            minutes = 0;
            while (Peek() == (byte)' ')
            {
                _pos++;
            }

            var sign = Next();
            if (sign is (byte)'Z' or (byte)'z')
            {
                return true;
            }

            if (sign is not ((byte)'+' or (byte)'-') || !Digits(2, 2, out var hours) || hours > 23)
            {
                return false;
            }

            var mins = 0;
            if (!AtEnd)
            {
                Skip((byte)':');
                if (!Digits(2, 2, out mins) || mins > 59)
                {
                    return false;
                }
            }

            minutes = (sign == (byte)'-' ? -1 : 1) * ((hours * 60) + mins);
            return true;
        }
    }
}
