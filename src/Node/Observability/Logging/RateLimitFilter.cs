using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Citadel.Node.Observability.Logging;

/// <summary>
/// Lets at most one event per message template through every <c>window</c> for noisy library categories (DotNext
/// logs a full stack trace for every failed attempt to reach a down peer, several times a second). Events of other
/// categories pass untouched. The number of events suppressed since the last one let through is attached to the next
/// one as <c>Suppressed</c> (Serilog enriches before it filters, so this filter sets the property itself).
/// </summary>
internal sealed class RateLimitFilter(IReadOnlyList<string> categories, TimeSpan window, TimeProvider time) : ILogEventFilter
{
    private readonly ConcurrentDictionary<(string Category, string Template), Window> _windows = new();

    public bool IsEnabled(LogEvent logEvent)
    {
        if (Category(logEvent) is not { } category)
        {
            return true;
        }

        var now = time.GetUtcNow();
        var w = _windows.GetOrAdd((category, logEvent.MessageTemplate.Text), static _ => new Window());
        lock (w)
        {
            if (w.Open && now - w.Start < window)
            {
                w.Suppressed++;
                return false;
            }

            w.Open = true;
            w.Start = now;
            if (w.Suppressed > 0)
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty("Suppressed", new ScalarValue(w.Suppressed)));
                w.Suppressed = 0;
            }

            return true;
        }
    }

    private string? Category(LogEvent logEvent)
    {
        if (!logEvent.Properties.TryGetValue("SourceContext", out var value) || value is not ScalarValue { Value: string source })
        {
            return null;
        }

        foreach (var category in categories)
        {
            if (source.StartsWith(category, StringComparison.Ordinal))
            {
                return category;
            }
        }

        return null;
    }

    private sealed class Window
    {
        public bool Open { get; set; }

        public DateTimeOffset Start { get; set; }

        public long Suppressed { get; set; }
    }
}
