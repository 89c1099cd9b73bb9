using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;

namespace Citadel.Storage.Search;

/// <summary>Count points, optionally filtered.</summary>
public sealed record CountRequest(Filter? Filter, bool Exact);

/// <summary>Fetch points by id.</summary>
public sealed record RetrieveRequest(IReadOnlyList<PointId> Ids, PayloadSelector WithPayload, VectorSelector WithVector);
