namespace Keelson.Resources;

/// <summary>Timestamps as Kubernetes writes metav1.Time: RFC 3339 in UTC, whole seconds ("2026-01-02T03:04:05Z").</summary>
public static class KubeTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
