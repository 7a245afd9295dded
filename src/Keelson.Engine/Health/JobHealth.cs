using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>batch/Job, from its terminal conditions: Failed, then Complete, then Suspended; otherwise still running.</summary>
internal static class JobHealth
{
    public static HealthResult Assess(JsonObject job)
    {
        var failed = TrueCondition(job, "Failed");
        if (failed is not null)
            return HealthResult.Of(HealthStatus.Degraded, failed.GetString("message"));

        var complete = TrueCondition(job, "Complete");
        if (complete is not null)
            return HealthResult.Of(HealthStatus.Healthy, complete.GetString("message"));

        // spec.suspend counts before the controller has written the Suspended condition. A Suspended condition
        // that is False (the job was resumed) means running again, not finished as Argo CD's rule reads it.
        var suspended = TrueCondition(job, "Suspended");
        if (suspended is not null || HealthFields.Bool(job, "spec", "suspend"))
            return HealthResult.Of(HealthStatus.Suspended, suspended?.GetString("message") ?? "Job is suspended");

        return HealthResult.Of(HealthStatus.Progressing);
    }

    private static JsonObject? TrueCondition(JsonObject job, string type) =>
        HealthFields.Objects(job, "status", "conditions")
            .FirstOrDefault(c => c.GetString("type") == type && c.GetString("status") == "True");
}
