namespace Keelson.Engine.Health;

/// <summary>Ordering and Argo CD's string form of <see cref="HealthStatus"/>.</summary>
public static class HealthStatusExtensions
{
    /// <summary>
    /// True when <paramref name="a"/> is strictly worse than <paramref name="b"/> in Argo CD's order
    /// Healthy &lt; Suspended &lt; Progressing &lt; Missing &lt; Degraded &lt; Unknown.
    /// </summary>
    public static bool IsWorseThan(this HealthStatus a, HealthStatus b) => Rank(a) > Rank(b);

    /// <summary>The string Argo CD uses for the status ("Healthy", "Progressing", …).</summary>
    public static string ToArgoString(this HealthStatus s) => s switch
    {
        HealthStatus.Healthy => "Healthy",
        HealthStatus.Suspended => "Suspended",
        HealthStatus.Progressing => "Progressing",
        HealthStatus.Missing => "Missing",
        HealthStatus.Degraded => "Degraded",
        _ => "Unknown",
    };

    /// <summary>
    /// Reads Argo CD's string form, ignoring case. Null, empty and unrecognised strings are
    /// <see cref="HealthStatus.Unknown"/>: a status nobody can interpret is not healthy.
    /// </summary>
    public static HealthStatus ParseArgo(string? s) => s?.ToUpperInvariant() switch
    {
        "HEALTHY" => HealthStatus.Healthy,
        "SUSPENDED" => HealthStatus.Suspended,
        "PROGRESSING" => HealthStatus.Progressing,
        "MISSING" => HealthStatus.Missing,
        "DEGRADED" => HealthStatus.Degraded,
        _ => HealthStatus.Unknown,
    };

    // The enum's declaration order is the ranking; an undefined value (a cast int) ranks as Unknown.
    private static int Rank(HealthStatus s) => Enum.IsDefined(s) ? (int)s : (int)HealthStatus.Unknown;
}
