using System.Text.Json.Nodes;

namespace Keelson.Engine.Health;

/// <summary>
/// argoproj.io/Application managed by another Application (app-of-apps): the health the child reports in
/// <c>status.health</c>, so a sync wave of the parent can wait until its children are healthy. Argo CD long had no
/// rule for this (users added one, argo-cd#3781) and now bundles one; Keelson has it by default, with the same
/// reading: a child that has not reported health yet is Progressing, waiting to be reconciled.
/// </summary>
internal static class ApplicationHealth
{
    public static HealthResult Assess(JsonObject application)
    {
        if (HealthFields.String(application, "status", "health", "status") is not { Length: > 0 } status)
            return HealthResult.Of(HealthStatus.Progressing, "Waiting for application to be reconciled");
        return HealthResult.Of(HealthStatusExtensions.ParseArgo(status), HealthFields.String(application, "status", "health", "message"));
    }
}
