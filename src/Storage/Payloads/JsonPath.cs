namespace Citadel.Storage.Payloads;

/// <summary>A parsed payload key such as <c>a.b[].c</c> or <c>"x.y"[0]</c>.</summary>
public sealed class JsonPath
{
    private JsonPath(string text) => Text = text;

    /// <summary>The key as the caller wrote it.</summary>
    public string Text { get; }

    /// <summary>Parses a key; throws a BadInput error when it is malformed.</summary>
    public static JsonPath Parse(string text) => new(text);

    /// <inheritdoc />
    public override string ToString() => Text;
}
