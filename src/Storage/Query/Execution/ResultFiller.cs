using Citadel.Storage.Collections;
using Citadel.Storage.Payloads;
using Citadel.Storage.Search;

namespace Citadel.Storage.Query.Execution;

/// <summary>
/// Adds the requested payload and vectors to the final hits in one retrieval; a hit deleted in the meantime is
/// dropped, as Qdrant's <c>fill_with_payload_or_vectors</c> does.
/// </summary>
internal static class ResultFiller
{
    public static List<ScoredPoint> Fill(Collection collection, List<ScoredPoint> hits, PayloadSelector withPayload, VectorSelector withVector)
    {
        if (hits.Count == 0 || (ReferenceEquals(withPayload, PayloadSelector.None) && withVector.IsNone))
        {
            return hits;
        }

        var records = collection.Retrieve(hits.Select(h => h.Id).ToList(), withPayload, withVector).ToDictionary(r => r.Id);
        var filled = new List<ScoredPoint>(hits.Count);
        foreach (var hit in hits)
        {
            if (records.TryGetValue(hit.Id, out var r))
            {
                filled.Add(hit with { Payload = r.Payload, Vectors = r.Vectors });
            }
        }

        return filled;
    }
}
