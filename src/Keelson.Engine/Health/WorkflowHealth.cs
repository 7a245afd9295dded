using System.Text.Json.Nodes;

namespace Keelson.Engine.Health;

/// <summary>argoproj.io/Workflow (Argo Workflows), built into Argo CD: by the workflow's phase.</summary>
internal static class WorkflowHealth
{
    public static HealthResult Assess(JsonObject workflow)
    {
        var message = HealthFields.String(workflow, "status", "message");
        return (HealthFields.String(workflow, "status", "phase") ?? "") switch
        {
            "" or "Pending" or "Running" => HealthResult.Of(HealthStatus.Progressing, message),
            "Succeeded" => HealthResult.Of(HealthStatus.Healthy, message),
            "Failed" or "Error" => HealthResult.Of(HealthStatus.Degraded, message),
            _ => HealthResult.Of(HealthStatus.Unknown, message),
        };
    }
}
