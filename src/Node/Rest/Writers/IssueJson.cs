using System.Text.Json;
using Citadel.Node.Observability.Issues;

namespace Citadel.Node.Rest.Writers;

/// <summary>An issue in Qdrant's <c>IssueRecord</c> JSON shape.</summary>
internal static class IssueJson
{
    public static void Write(Utf8JsonWriter w, Issue issue)
    {
        w.WriteStartObject();
        w.WriteString("code", issue.Code);
        w.WriteString("description", issue.Description);
        w.WritePropertyName("solution");
        Solution(w, issue.Solution);
        w.WriteString("timestamp", issue.Timestamp);
        w.WriteEndObject();
    }

    private static void Solution(Utf8JsonWriter w, IssueSolution solution)
    {
        switch (solution)
        {
            case ImmediateSolution s:
                w.WriteStartObject();
                w.WritePropertyName("Immediate");
                w.WriteStartObject();
                w.WriteString("message", s.Message);
                w.WritePropertyName("action");
                w.WriteStartObject();
                w.WriteString("method", s.Method);
                w.WriteString("uri", s.Uri);
                if (s.Body is { } body)
                {
                    w.WritePropertyName("body");
                    w.WriteStartObject();
                    foreach (var (name, value) in body)
                    {
                        w.WriteString(name, value);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case RefactorSolution r:
                w.WriteStartObject();
                w.WriteString("Refactor", r.Message);
                w.WriteEndObject();
                break;
            default:
                w.WriteStringValue("None");
                break;
        }
    }
}
