using Citadel.Node.Configuration;
using Citadel.Storage.Collections;
using AccessValue = Citadel.Auth.Access.Access;

namespace Citadel.Node.Observability.Telemetry;

/// <summary>Everything one telemetry report reads, and what the caller may see of it.</summary>
internal sealed record TelemetryContext(NodeObservability Observability, NodeSettings Settings, CollectionManager Collections, AccessValue Access, TelemetryRequest Request)
{
    public Anonymizer Anonymizer { get; } = new(Request.Anonymize);

    /// <summary>Node-wide sections (requests, memory, cluster, quota, audit settings) need global access.</summary>
    public bool Global => Access.Global is not null;

    /// <summary>The collections the caller may see, sorted.</summary>
    public List<string> VisibleCollections() => [.. Collections.CollectionNames.Where(Access.CanSee).Order(StringComparer.Ordinal)];
}
