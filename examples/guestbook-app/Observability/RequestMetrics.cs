using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Keelson.Guestbook.Observability;

/// <summary>
/// The guestbook's Prometheus metrics, kept per application instance (not in a process-wide
/// registry) so that several instances in one process, as in the tests, count separately.
/// </summary>
public sealed class RequestMetrics
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<(string Method, string Route, int Status), long> requests = new();
    private readonly ConcurrentDictionary<(string Route, int Status), long> errors = new();
    private readonly ConcurrentDictionary<string, long> redisErrors = new();
    private readonly ConcurrentDictionary<string, Histogram> durations = new();

    public void Observe(string method, string route, int status, TimeSpan elapsed)
    {
        requests.AddOrUpdate((method, route, status), 1, (_, n) => n + 1);
        if (status >= 500 || status == 413 || status == 400)
        {
            errors.AddOrUpdate((route, status), 1, (_, n) => n + 1);
        }
        durations.GetOrAdd(route, _ => new Histogram()).Observe(elapsed.TotalSeconds);
    }

    public void RedisFailed(string role) => redisErrors.AddOrUpdate(role, 1, (_, n) => n + 1);

    /// <summary>The Prometheus text exposition format, version 0.0.4.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.Append("# HELP guestbook_http_requests_total HTTP requests handled, by method, route and status code.\n");
        text.Append("# TYPE guestbook_http_requests_total counter\n");
        foreach (var ((method, route, status), count) in requests.OrderBy(e => e.Key.Route, StringComparer.Ordinal).ThenBy(e => e.Key.Method, StringComparer.Ordinal).ThenBy(e => e.Key.Status))
        {
            text.Append(CultureInfo.InvariantCulture, $"guestbook_http_requests_total{{method=\"{Escape(method)}\",route=\"{Escape(route)}\",status=\"{status}\"}} {count}\n");
        }
        text.Append("# HELP guestbook_http_request_errors_total HTTP requests answered with an error (400, 413 or 5xx), by route and status code.\n");
        text.Append("# TYPE guestbook_http_request_errors_total counter\n");
        foreach (var ((route, status), count) in errors.OrderBy(e => e.Key.Route, StringComparer.Ordinal).ThenBy(e => e.Key.Status))
        {
            text.Append(CultureInfo.InvariantCulture, $"guestbook_http_request_errors_total{{route=\"{Escape(route)}\",status=\"{status}\"}} {count}\n");
        }
        text.Append("# HELP guestbook_redis_errors_total Redis operations that failed because a server was unreachable, by role.\n");
        text.Append("# TYPE guestbook_redis_errors_total counter\n");
        foreach (var (role, count) in redisErrors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"guestbook_redis_errors_total{{role=\"{Escape(role)}\"}} {count}\n");
        }
        text.Append("# HELP guestbook_http_request_duration_seconds HTTP request latency, by route.\n");
        text.Append("# TYPE guestbook_http_request_duration_seconds histogram\n");
        foreach (var (route, histogram) in durations.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            histogram.Render(text, Escape(route));
        }
        return text.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Histogram
    {
        private readonly Lock gate = new();
        private readonly long[] counts = new long[Buckets.Length];
        private long total;
        private double sum;

        public void Observe(double seconds)
        {
            lock (gate)
            {
                for (var i = 0; i < Buckets.Length; i++)
                {
                    if (seconds <= Buckets[i])
                    {
                        counts[i]++;
                    }
                }
                total++;
                sum += seconds;
            }
        }

        public void Render(StringBuilder text, string route)
        {
            lock (gate)
            {
                for (var i = 0; i < Buckets.Length; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"guestbook_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{Buckets[i]}\"}} {counts[i]}\n");
                }
                text.Append(CultureInfo.InvariantCulture, $"guestbook_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {total}\n");
                text.Append(CultureInfo.InvariantCulture, $"guestbook_http_request_duration_seconds_sum{{route=\"{route}\"}} {sum}\n");
                text.Append(CultureInfo.InvariantCulture, $"guestbook_http_request_duration_seconds_count{{route=\"{route}\"}} {total}\n");
            }
        }
    }
}
