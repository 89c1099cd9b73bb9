using System.Globalization;

namespace Citadel.Node.Configuration;

/// <summary>
/// Typed accessors for <see cref="ConfigSection"/>. Every value is text until here, as in Qdrant where
/// environment values are strings coerced at deserialisation. An absent key yields the fallback (the
/// same default as the embedded file or Qdrant's serde default); an explicit null is only accepted by
/// the nullable accessors.
/// </summary>
internal static class ConfigSectionValues
{
    public const int MinPort = 1;
    public const int MaxPort = 65535;

    private const string BoolExpectation = "a boolean (true or false)";

    public static bool GetBool(this ConfigSection section, string key, bool fallback) =>
        section.GetNullableBool(key, fallback, allowNull: false) ?? fallback;

    public static bool? GetNullableBool(this ConfigSection section, string key, bool? fallback) =>
        section.GetNullableBool(key, fallback, allowNull: true);

    public static int GetInt(this ConfigSection section, string key, int min, int max, int fallback) =>
        checked((int)section.GetLong(key, min, max, fallback));

    public static int? GetNullableInt(this ConfigSection section, string key, int min, int max, int? fallback) =>
        (int?)section.GetNullableLong(key, min, max, fallback);

    public static int GetPort(this ConfigSection section, string key, int fallback) =>
        section.GetInt(key, MinPort, MaxPort, fallback);

    public static int? GetNullablePort(this ConfigSection section, string key, int? fallback) =>
        section.GetNullableInt(key, MinPort, MaxPort, fallback);

    public static long GetLong(this ConfigSection section, string key, long min, long max, long fallback)
    {
        var node = section.Find(key);
        return node is null ? fallback : ParseLong(section, key, node, min, max, allowNull: false) ?? fallback;
    }

    public static long? GetNullableLong(this ConfigSection section, string key, long min, long max, long? fallback)
    {
        var node = section.Find(key);
        return node is null ? fallback : ParseLong(section, key, node, min, max, allowNull: true);
    }

    public static double GetDouble(this ConfigSection section, string key, double min, double max, double fallback)
    {
        var node = section.Find(key);
        return node is null ? fallback : ParseDouble(section, key, node, min, max, allowNull: false) ?? fallback;
    }

    public static double? GetNullableDouble(this ConfigSection section, string key, double min, double max, double? fallback)
    {
        var node = section.Find(key);
        return node is null ? fallback : ParseDouble(section, key, node, min, max, allowNull: true);
    }

    /// <summary>A string that must be present and non-empty (hosts, required paths).</summary>
    public static string GetString(this ConfigSection section, string key, string fallback)
    {
        var node = section.Find(key);
        if (node is null)
        {
            return fallback;
        }

        if (node is ConfigScalar { Text: { Length: > 0 } text })
        {
            return text;
        }

        throw section.Invalid(key, "a non-empty string", node);
    }

    /// <summary>A string that may be null; an empty string is returned as is (callers decide what it means).</summary>
    public static string? GetNullableString(this ConfigSection section, string key, string? fallback)
    {
        var node = section.Find(key);
        return node switch
        {
            null => fallback,
            ConfigScalar scalar => scalar.Text,
            _ => throw section.Invalid(key, "a string", node),
        };
    }

    /// <summary>
    /// A list of non-empty strings: a YAML list, or (for environment variables, which are text) one comma-separated
    /// string. Absent or null yields the fallback.
    /// </summary>
    public static IReadOnlyList<string> GetStringList(this ConfigSection section, string key, IReadOnlyList<string> fallback)
    {
        var node = section.Find(key);
        IEnumerable<string?> items = node switch
        {
            null or ConfigScalar { IsNull: true } => fallback,
            ConfigScalar scalar => scalar.Text!.Split(',', StringSplitOptions.TrimEntries),
            ConfigSequence list => list.Items.Select(i => (i as ConfigScalar)?.Text?.Trim()),
            _ => throw section.Invalid(key, "a list of strings", node),
        };
        var result = items.ToList();
        if (result.Any(string.IsNullOrEmpty))
        {
            throw section.Invalid(key, "a list of non-empty strings", node!);
        }

        return result!;
    }

    /// <summary>One of a fixed set of words, compared case-insensitively (e.g. <c>daily</c> or <c>hourly</c>).</summary>
    public static T GetChoice<T>(this ConfigSection section, string key, IReadOnlyList<(string Name, T Value)> choices, T fallback)
        where T : struct
    {
        var node = section.Find(key);
        return node is null ? fallback : ParseChoice(section, key, node, choices, allowNull: false) ?? fallback;
    }

    public static T? GetNullableChoice<T>(this ConfigSection section, string key, IReadOnlyList<(string Name, T Value)> choices, T? fallback)
        where T : struct
    {
        var node = section.Find(key);
        return node is null ? fallback : ParseChoice(section, key, node, choices, allowNull: true);
    }

    private static bool? GetNullableBool(this ConfigSection section, string key, bool? fallback, bool allowNull)
    {
        var node = section.Find(key);
        if (node is null)
        {
            return fallback;
        }

        if (node is ConfigScalar { IsNull: true } && allowNull)
        {
            return null;
        }

        // The spellings Qdrant's config crate accepts when it coerces a string to a boolean.
        var text = (node as ConfigScalar)?.Text?.Trim();
        if (text is not null)
        {
            if (IsAny(text, "true", "1", "yes", "on"))
            {
                return true;
            }

            if (IsAny(text, "false", "0", "no", "off"))
            {
                return false;
            }
        }

        throw section.Invalid(key, allowNull ? BoolExpectation + " or null" : BoolExpectation, node);
    }

    private static long? ParseLong(ConfigSection section, string key, ConfigNode node, long min, long max, bool allowNull)
    {
        if (node is ConfigScalar { IsNull: true } && allowNull)
        {
            return null;
        }

        if (node is ConfigScalar { Text: { } text }
            && long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }

        throw section.Invalid(key, DescribeRange(min, max) + (allowNull ? " or null" : string.Empty), node);
    }

    private static double? ParseDouble(ConfigSection section, string key, ConfigNode node, double min, double max, bool allowNull)
    {
        if (node is ConfigScalar { IsNull: true } && allowNull)
        {
            return null;
        }

        if (node is ConfigScalar { Text: { } text }
            && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value >= min && value <= max)
        {
            return value;
        }

        var range = double.IsPositiveInfinity(max)
            ? string.Create(CultureInfo.InvariantCulture, $"a number of at least {min}")
            : string.Create(CultureInfo.InvariantCulture, $"a number from {min} to {max}");
        throw section.Invalid(key, range + (allowNull ? " or null" : string.Empty), node);
    }

    private static T? ParseChoice<T>(ConfigSection section, string key, ConfigNode node, IReadOnlyList<(string Name, T Value)> choices, bool allowNull)
        where T : struct
    {
        if (node is ConfigScalar { IsNull: true } && allowNull)
        {
            return null;
        }

        if (node is ConfigScalar { Text: { } text })
        {
            foreach (var (name, value) in choices)
            {
                if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }
        }

        var names = string.Join(", ", choices.Select(choice => $"`{choice.Name}`"));
        throw section.Invalid(key, $"one of {names}" + (allowNull ? " or null" : string.Empty), node);
    }

    private static string DescribeRange(long min, long max)
    {
        // int.MaxValue / long.MaxValue mean "no upper bound", which reads better without the number.
        if (max is int.MaxValue or long.MaxValue)
        {
            return min switch
            {
                0 => "a non-negative integer",
                1 => "a positive integer",
                _ => string.Create(CultureInfo.InvariantCulture, $"an integer of at least {min}"),
            };
        }

        return string.Create(CultureInfo.InvariantCulture, $"an integer from {min} to {max}");
    }

    private static bool IsAny(string text, params string[] words) =>
        words.Any(word => string.Equals(word, text, StringComparison.OrdinalIgnoreCase));
}
