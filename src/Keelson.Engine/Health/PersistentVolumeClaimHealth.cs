using System.Text.Json.Nodes;

namespace Keelson.Engine.Health;

/// <summary>v1/PersistentVolumeClaim, by phase: Bound, Pending or Lost; any other phase is Unknown.</summary>
internal static class PersistentVolumeClaimHealth
{
    public static HealthResult Assess(JsonObject claim) => HealthFields.String(claim, "status", "phase") switch
    {
        "Bound" => HealthResult.Of(HealthStatus.Healthy),
        "Pending" => HealthResult.Of(HealthStatus.Progressing),
        "Lost" => HealthResult.Of(HealthStatus.Degraded),
        _ => HealthResult.Of(HealthStatus.Unknown),
    };
}
