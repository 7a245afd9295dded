using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>apiregistration.k8s.io/APIService: healthy when its Available condition is True.</summary>
internal static class ApiServiceHealth
{
    public static HealthResult Assess(JsonObject apiService)
    {
        if (HealthFields.Condition(apiService, "Available") is not { } available)
            return HealthResult.Of(HealthStatus.Progressing, "Waiting to be processed");
        var message = $"{available.GetString("reason")}: {available.GetString("message")}";
        return available.GetString("status") == "True"
            ? HealthResult.Of(HealthStatus.Healthy, message)
            : HealthResult.Of(HealthStatus.Progressing, message);
    }
}
