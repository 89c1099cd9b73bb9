namespace Citadel.Storage.Payloads;

/// <summary>
/// Applies an include or exclude <see cref="PayloadSelector"/> by walking the payload and testing the path of
/// every value against the patterns (Qdrant's <c>value_filter</c> with <c>check_include_pattern</c> /
/// <c>check_exclude_pattern</c>). Array elements are walked with the path step <c>[]</c>.
/// </summary>
internal static class PayloadFilter
{
    public static PayloadObject Apply(PayloadObject root, PayloadSelector selector)
    {
        var walk = new Walk(selector);
        var result = new PayloadObject();
        foreach (var (name, value) in root.Entries)
        {
            walk.FirstKey = name;
            if (walk.Keep())
            {
                result.Entries[name] = walk.Filter(value);
            }
        }

        return result;
    }

    private sealed class Walk(PayloadSelector selector)
    {
        private readonly List<JsonPathItem> _rest = [];

        public string FirstKey { get; set; } = string.Empty;

        public bool Keep()
        {
            var patterns = selector.Paths;
            if (selector.Kind == PayloadSelectorKind.Include)
            {
                for (var i = 0; i < patterns.Count; i++)
                {
                    if (AgreesWith(patterns[i]))
                    {
                        return true;
                    }
                }

                return false;
            }

            for (var i = 0; i < patterns.Count; i++)
            {
                if (IsUnder(patterns[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public PayloadNode Filter(PayloadNode value)
        {
            switch (value)
            {
                case PayloadArray array:
                {
                    var result = new PayloadArray();
                    _rest.Add(JsonPathItem.Wildcard);
                    foreach (var element in array.Items)
                    {
                        if (Keep())
                        {
                            result.Items.Add(Filter(element));
                        }
                    }

                    _rest.RemoveAt(_rest.Count - 1);
                    return result;
                }

                case PayloadObject obj:
                {
                    var result = new PayloadObject();
                    foreach (var (name, child) in obj.Entries)
                    {
                        _rest.Add(JsonPathItem.ForKey(name));
                        if (Keep())
                        {
                            result.Entries[name] = Filter(child);
                        }

                        _rest.RemoveAt(_rest.Count - 1);
                    }

                    return result;
                }

                default:
                    return value;
            }
        }

        // Include: the pattern and the current path agree on every step both have (either may be longer).
        private bool AgreesWith(JsonPath pattern)
        {
            if (!string.Equals(pattern.FirstKey, FirstKey, StringComparison.Ordinal))
            {
                return false;
            }

            var n = Math.Min(pattern.Rest.Length, _rest.Count);
            for (var i = 0; i < n; i++)
            {
                if (pattern.Rest[i] != _rest[i])
                {
                    return false;
                }
            }

            return true;
        }

        // Exclude: the current path is the pattern or lies below it.
        private bool IsUnder(JsonPath pattern)
        {
            if (!string.Equals(pattern.FirstKey, FirstKey, StringComparison.Ordinal) || pattern.Rest.Length > _rest.Count)
            {
                return false;
            }

            for (var i = 0; i < pattern.Rest.Length; i++)
            {
                if (pattern.Rest[i] != _rest[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
