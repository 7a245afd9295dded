using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>
/// apiextensions.k8s.io/CustomResourceDefinition: Healthy once the API server has accepted its names and established
/// it; names refused, a non-structural schema or not established is Degraded; being installed or terminating is Progressing.
/// </summary>
internal static class CustomResourceDefinitionHealth
{
    public static HealthResult Assess(JsonObject crd)
    {
        var conditions = HealthFields.Objects(crd, "status", "conditions").ToList();
        if (conditions.Count == 0) return HealthResult.Of(HealthStatus.Progressing, "Status conditions not found");
        var established = false;
        foreach (var condition in conditions)
        {
            var (type, status, message) = (condition.GetString("type"), condition.GetString("status"), condition.GetString("message"));
            if (type == "Terminating" && status == "True") return HealthResult.Of(HealthStatus.Progressing, $"CRD is terminating: {message}");
            if (type == "NamesAccepted" && status == "False") return HealthResult.Of(HealthStatus.Degraded, $"CRD names have not been accepted: {message}");
            if (type == "NonStructuralSchema" && status == "True") return HealthResult.Of(HealthStatus.Degraded, $"Schema violations found: {message}");
            if (type == "Established" && status == "True") established = true;
            else if (type == "Established" && condition.GetString("reason") == "Installing") return HealthResult.Of(HealthStatus.Progressing, "CRD is being installed");
        }
        return established
            ? HealthResult.Of(HealthStatus.Healthy, "CRD is healthy")
            : HealthResult.Of(HealthStatus.Degraded, "CRD is not established");
    }
}
