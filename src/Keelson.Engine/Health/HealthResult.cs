namespace Keelson.Engine.Health;

/// <summary>The assessed health of one object and, when the rule has one, a message saying why.</summary>
public sealed record HealthResult(HealthStatus Status, string? Message = null)
{
    /// <summary>A result whose empty message is normalised to null, as Argo CD omits empty messages.</summary>
    internal static HealthResult Of(HealthStatus status, string? message = null) =>
        new(status, string.IsNullOrEmpty(message) ? null : message);
}
