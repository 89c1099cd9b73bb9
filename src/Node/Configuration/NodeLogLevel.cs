namespace Citadel.Node.Configuration;

/// <summary>Log level names accepted by <c>log_level</c> (case-insensitive in the file).</summary>
public enum NodeLogLevel
{
    /// <summary>Everything.</summary>
    Trace,

    /// <summary>Diagnostic detail.</summary>
    Debug,

    /// <summary>Normal operation (the default).</summary>
    Info,

    /// <summary>Problems that do not stop the node.</summary>
    Warn,

    /// <summary>Failures only.</summary>
    Error,

    /// <summary>No logging.</summary>
    Off,
}
