namespace Keelson.Engine;

/// <summary>How the engine runs; the defaults are Argo CD's.</summary>
public sealed record EngineOptions
{
    /// <summary>The namespace of Applications and AppProjects in the control cluster.</summary>
    public string ControlNamespace { get; init; } = "argocd";

    /// <summary>Where Git repositories are cached.</summary>
    public string CacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "keelson-git");

    /// <summary>How often each Application looks at Git again (Argo CD: 3 min); <see cref="RefreshJitter"/> spreads them.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMinutes(3);

    public TimeSpan RefreshJitter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Applications reconciled in parallel.</summary>
    public int Workers { get; init; } = 8;

    /// <summary>How often a sync checks the health of what it waits for (hooks, waves).</summary>
    public TimeSpan HealthPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a sync waits for a hook or wave to become healthy before failing.</summary>
    public TimeSpan WaveTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Argo CD pauses between sync waves (2 s) so controllers can react; tests may shorten it.</summary>
    public TimeSpan WaveDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The first self-heal backoff step (later attempts back off ×3, capped at 5 min, as Argo CD).</summary>
    public TimeSpan SelfHealBackoff { get; init; } = TimeSpan.Zero;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Keelson.Git.IGitCredentials? Credentials { get; init; }
}
