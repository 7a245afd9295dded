using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Keelson.Cli.Tests.Server;

/// <summary>
/// The server's logger factory in the tests: it keeps ASP.NET Core's "Request starting" lines (METHOD /path?query), so
/// that a test can tell which calls a `keelson` verb made; everything else is dropped.
/// </summary>
public sealed class RequestLog : ILoggerFactory
{
    private const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";
    private readonly ConcurrentQueue<string> _requests = new();

    /// <summary>The requests received so far, as "GET /api/v1/…?…", in order.</summary>
    public IReadOnlyList<string> Received => _requests.ToArray();

    /// <summary>The requests received after the first <paramref name="skip"/>.</summary>
    public IReadOnlyList<string> Since(int skip) => Received.Skip(skip).ToList();

    public ILogger CreateLogger(string categoryName) => categoryName == HostingCategory ? new RequestLogger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class RequestLogger(RequestLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> fields) return;
            var values = fields.ToDictionary(f => f.Key, f => f.Value?.ToString() ?? "", StringComparer.Ordinal);
            // "Request starting": the one hosting message with the method, path and query of a request not yet answered.
            if (values.TryGetValue("Method", out var method) && values.TryGetValue("Path", out var path) && !values.ContainsKey("StatusCode")
                && formatter(state, exception).StartsWith("Request starting", StringComparison.Ordinal))
                log._requests.Enqueue($"{method} {path}{values.GetValueOrDefault("QueryString")}");
        }
    }
}
