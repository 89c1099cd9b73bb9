namespace Citadel.Node.Configuration;

/// <summary>The configuration cannot be used; the node must not start. The message names the key and the value found.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates an exception with a generic message.</summary>
    public ConfigurationException()
        : base("Invalid configuration")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public ConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about one dotted key, e.g. <c>service.http_port</c>.</summary>
    public ConfigurationException(string message, string? key, string? layer)
        : base(message)
    {
        Key = key;
        Layer = layer;
    }

    /// <summary>The dotted key at fault, when the problem is about one key.</summary>
    public string? Key { get; }

    /// <summary>The layer the offending value came from (file, environment variable), when known.</summary>
    public string? Layer { get; }
}
