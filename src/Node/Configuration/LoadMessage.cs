namespace Citadel.Node.Configuration;

/// <summary>A non-fatal note from loading, kept until the logger is up (Qdrant buffers these the same way).</summary>
/// <param name="Level">Level to log it at.</param>
/// <param name="Text">The message.</param>
public sealed record LoadMessage(LoadMessageLevel Level, string Text)
{
    /// <summary>A warning-level message.</summary>
    public static LoadMessage Warning(string text) => new(LoadMessageLevel.Warning, text);

    /// <summary>An error-level message that still lets the node start.</summary>
    public static LoadMessage Error(string text) => new(LoadMessageLevel.Error, text);
}

/// <summary>Level of a <see cref="LoadMessage"/>.</summary>
public enum LoadMessageLevel
{
    /// <summary>Log as a warning.</summary>
    Warning,

    /// <summary>Log as an error; start-up continues anyway.</summary>
    Error,
}
