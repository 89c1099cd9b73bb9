using System.Text;
using System.Text.Json;

namespace Citadel.Audit;

/// <summary>
/// Answers an <see cref="AuditQuery"/> from this node's files: newest file first, each read backwards, skipping
/// files whose time span cannot overlap the window and stopping as soon as <c>limit</c> entries are found.
/// </summary>
public static class AuditReader
{
    // How far out of timestamp order concurrent requests can append entries; reading goes this far past the window.
    private static readonly TimeSpan OrderSlack = TimeSpan.FromSeconds(5);

    /// <summary>Matching entries as JSON lines, newest first.</summary>
    public static List<AuditRecord> Query(string directory, AuditQuery query)
    {
        var result = new List<AuditRecord>(Math.Min(query.Limit, 1024));
        if (query.MatchesNothing)
        {
            return result;
        }

        var filters = new CompiledFilters(query.Filters);
        foreach (var file in AuditFiles.NewestFirst(directory))
        {
            var (start, end) = AuditFiles.SpanOf(Path.GetFileName(file));
            if ((query.To is { } to && start >= to) || (query.From is { } from && end <= from))
            {
                continue;
            }

            try
            {
                if (ReadFile(file, query, filters, result))
                {
                    break;
                }
            }
            catch (FileNotFoundException)
            {
                // Deleted by retention while we were reading: it held only older entries.
            }
        }

        // Entries are appended in the order they were queued, which can differ from their timestamps by a few
        // microseconds under concurrency; the answer is ordered by timestamp.
        result.Sort((a, b) => b.Timestamp.CompareTo(a.Timestamp));
        return result;
    }

    /// <summary>Merges entries from several nodes: newest first, then truncated to <paramref name="limit"/>.</summary>
    public static List<AuditRecord> Merge(IEnumerable<IReadOnlyList<AuditRecord>> sources, int limit) =>
        sources.SelectMany(s => s).OrderByDescending(r => r.Timestamp).ThenBy(r => r.Json, StringComparer.Ordinal).Take(limit).ToList();

    private static bool ReadFile(string file, AuditQuery query, CompiledFilters filters, List<AuditRecord> result)
    {
        using var reader = new ReverseLineReader(file);
        foreach (var line in reader.Lines())
        {
            if (AuditEventJson.ReadTimestamp(line.Span) is not { } timestamp)
            {
                continue;
            }

            if (query.To is { } to && timestamp >= to)
            {
                continue;
            }

            if (query.From is { } from && timestamp < from - OrderSlack)
            {
                // Lines are appended in time order: everything further back in this file is older still.
                return false;
            }

            if (query.From is { } lower && timestamp < lower)
            {
                continue;
            }

            if (filters.Matches(line.Span) && IsCompleteJson(line.Span))
            {
                result.Add(new AuditRecord(timestamp, Encoding.UTF8.GetString(line.Span)));
                if (result.Count >= query.Limit)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A torn last line (crash mid-write) must not be returned even if its beginning reads fine.</summary>
    private static bool IsCompleteJson(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        try
        {
            return reader.Read() && reader.TrySkip() && reader.BytesConsumed == line.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>One stored entry: its timestamp (for merging) and its JSON line as written.</summary>
public sealed record AuditRecord(DateTimeOffset Timestamp, string Json);
