using Citadel.Common.Errors;

namespace Citadel.Storage.Collections;

/// <summary>Rules for collection and alias names. Names become directory names, so the rules are strict.</summary>
public static class NameRules
{
    private const string Forbidden = "<>:\"/\\|?*";

    /// <summary>Throws a validation error (HTTP 422) when <paramref name="name"/> cannot name a collection or alias.</summary>
    public static void Validate(string name)
    {
        if (name.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(name) > 255)
        {
            throw CitadelException.Validation("collection_name: length must be between 1 and 255 bytes");
        }

        if (name is "." or "..")
        {
            throw CitadelException.Validation($"collection_name: `{name}` is not a valid collection name");
        }

        foreach (var c in name)
        {
            if (Forbidden.Contains(c, StringComparison.Ordinal) || char.IsControl(c))
            {
                throw CitadelException.Validation($"collection_name: collection name cannot contain \"{(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())}\" char");
            }
        }
    }
}
