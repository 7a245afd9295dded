using System.Text.Json.Nodes;

namespace Keelson.Engine.Health;

/// <summary>Ingress (networking.k8s.io and the old extensions group): progressing until a load balancer address is reported.</summary>
internal static class IngressHealth
{
    public static HealthResult Assess(JsonObject ingress) =>
        HealthFields.Array(ingress, "status", "loadBalancer", "ingress") is { Count: > 0 }
            ? HealthResult.Of(HealthStatus.Healthy)
            : HealthResult.Of(HealthStatus.Progressing);
}
