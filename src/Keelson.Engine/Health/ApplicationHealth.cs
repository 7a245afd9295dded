using System.Text.Json.Nodes;

namespace Keelson.Engine.Health;

/// <summary>
/// argoproj.io/Application managed by another Application (app-of-apps): the health the child reports in
/// <c>status.health</c>, so a sync wave of the parent can wait until its children are healthy. Argo CD has no
/// built-in rule for this (users add one, argo-cd#3781); Keelson has it by default. A child that has not reported
/// health yet is Unknown.
/// </summary>
internal static class ApplicationHealth
{
    public static HealthResult Assess(JsonObject application)
    {
        if (HealthFields.String(application, "status", "health", "status") is not { Length: > 0 } status)
            return HealthResult.Of(HealthStatus.Unknown, "Application has not reported its health yet");
        return HealthResult.Of(HealthStatusExtensions.ParseArgo(status), HealthFields.String(application, "status", "health", "message"));
    }
}
