using System.Text.Json.Nodes;

namespace Keelson.Engine.Health;

/// <summary>
/// batch/CronJob, as Argo CD's bundled health check: suspended, or judged by its last schedule against its last
/// success. A run in progress or a first run that has not succeeded yet is Healthy, since the status cannot
/// tell a slow job from a failing one.
/// </summary>
internal static class CronJobHealth
{
    public static HealthResult Assess(JsonObject cronJob)
    {
        if (HealthFields.Bool(cronJob, "spec", "suspend"))
            return HealthResult.Of(HealthStatus.Suspended, "CronJob is Suspended");

        if (cronJob["status"] is not JsonObject)
            return HealthResult.Of(HealthStatus.Progressing, "Waiting for CronJob");

        var lastSchedule = HealthFields.Time(cronJob, "status", "lastScheduleTime");
        if (lastSchedule is null)
            return HealthResult.Of(HealthStatus.Healthy, "CronJob has not been scheduled yet");

        var lastSuccess = HealthFields.Time(cronJob, "status", "lastSuccessfulTime");
        if (lastSuccess is null)
            return HealthResult.Of(HealthStatus.Healthy, "The CronJob never completed successfully. It may not be healthy");

        if (HealthFields.Array(cronJob, "status", "active") is { Count: > 0 })
            return HealthResult.Of(HealthStatus.Healthy, "The job is running. Its last execution may not have been successful");

        // No job running and the last scheduled run is newer than the last success: that run failed.
        if (lastSuccess < lastSchedule)
            return HealthResult.Of(HealthStatus.Degraded, "CronJob has not completed its last execution successfully");

        return HealthResult.Of(HealthStatus.Healthy, "CronJob has completed its last execution successfully");
    }
}
