using Prometheus;

namespace Keelson.Guestbook.Observability;

/// <summary>
/// The guestbook's Prometheus metrics, kept in a registry of their own per application instance
/// (not in prometheus-net's process-wide default registry), so that several instances in one
/// process, as in the tests, count separately. <c>/metrics</c> serves <see cref="Registry"/>.
/// </summary>
public sealed class RequestMetrics
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter requests;
    private readonly Counter errors;
    private readonly Counter redisErrors;
    private readonly Histogram durations;

    public RequestMetrics()
    {
        var metrics = Metrics.WithCustomRegistry(Registry);
        requests = metrics.CreateCounter("guestbook_http_requests_total",
            "HTTP requests handled, by method, route and status code.", "method", "route", "status");
        errors = metrics.CreateCounter("guestbook_http_request_errors_total",
            "HTTP requests answered with an error (400, 413 or 5xx), by route and status code.", "route", "status");
        redisErrors = metrics.CreateCounter("guestbook_redis_errors_total",
            "Redis operations that failed because a server was unreachable, by role.", "role");
        durations = metrics.CreateHistogram("guestbook_http_request_duration_seconds",
            "HTTP request latency, by route.", new HistogramConfiguration { LabelNames = ["route"], Buckets = Buckets });
    }

    /// <summary>This instance's metrics, and only them.</summary>
    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public void Observe(string method, string route, int status, TimeSpan elapsed)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        requests.WithLabels(method, route, code).Inc();
        if (status >= 500 || status == 413 || status == 400)
        {
            errors.WithLabels(route, code).Inc();
        }
        durations.WithLabels(route).Observe(elapsed.TotalSeconds);
    }

    public void RedisFailed(string role) => redisErrors.WithLabels(role).Inc();
}
