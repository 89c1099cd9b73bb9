namespace Citadel.Node.Configuration;

/// <summary>The result of <see cref="SettingsLoader.Load"/>: the settings and the messages to log once logging is up.</summary>
/// <param name="Settings">The validated settings.</param>
/// <param name="Warnings">Text of every non-fatal message, in the order they arose.</param>
public sealed record LoadedSettings(NodeSettings Settings, IReadOnlyList<string> Warnings)
{
    /// <summary>The same messages with their level (a missing <c>--config-path</c> file is error-level, as in Qdrant).</summary>
    public IReadOnlyList<LoadMessage> Messages { get; init; } = [];
}
