using System.Globalization;

namespace Keelson.Server.Auth;

/// <summary>How logins are limited, with Argo CD's defaults and environment variables (AC: util/session/sessionmanager.go, server/server.go).</summary>
public sealed record SessionOptions
{
    /// <summary>Failures per username before it is refused (<c>ARGOCD_SESSION_FAILURE_MAX_FAIL_COUNT</c>, default 5).</summary>
    public int MaxLoginFailures { get; init; } = 5;

    /// <summary>How long after its last failure a username stays refused (<c>ARGOCD_SESSION_FAILURE_WINDOW_SECONDS</c>, default 300 s; 0: until a success).</summary>
    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Usernames whose failures are remembered (<c>ARGOCD_SESSION_MAX_CACHE_SIZE</c>, default 10000).</summary>
    public int MaxFailureEntries { get; init; } = 10000;

    /// <summary>Logins checked at once; more are refused (<c>ARGOCD_MAX_CONCURRENT_LOGIN_REQUESTS_COUNT</c>, default 50; 0: no limit).</summary>
    public int MaxConcurrentLogins { get; init; } = 50;

    /// <summary>
    /// Pad each password check to a random 0.5–1 s, as Argo CD does, so neither the outcome nor the existence of
    /// the user shows in the response time. On in production; tests turn it off.
    /// </summary>
    public bool VerificationDelayNoise { get; init; } = true;

    /// <summary>A login token with less than this left is renewed when it is used (Argo CD: 5 minutes).</summary>
    public TimeSpan RenewWithin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The defaults, overridden by Argo CD's environment variables where set to a number in range.</summary>
    public static SessionOptions FromEnvironment(Func<string, string?>? getenv = null)
    {
        getenv ??= Environment.GetEnvironmentVariable;
        var defaults = new SessionOptions();
        int Number(string name, int fallback, int min) =>
            int.TryParse(getenv(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min ? n : fallback;
        return defaults with
        {
            MaxLoginFailures = Number("ARGOCD_SESSION_FAILURE_MAX_FAIL_COUNT", defaults.MaxLoginFailures, 1),
            FailureWindow = TimeSpan.FromSeconds(Number("ARGOCD_SESSION_FAILURE_WINDOW_SECONDS", (int)defaults.FailureWindow.TotalSeconds, 0)),
            MaxFailureEntries = Number("ARGOCD_SESSION_MAX_CACHE_SIZE", defaults.MaxFailureEntries, 1),
            MaxConcurrentLogins = Number("ARGOCD_MAX_CONCURRENT_LOGIN_REQUESTS_COUNT", defaults.MaxConcurrentLogins, 0),
        };
    }
}
