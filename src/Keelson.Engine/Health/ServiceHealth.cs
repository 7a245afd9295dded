using System.Text.Json.Nodes;

namespace Keelson.Engine.Health;

/// <summary>
/// v1/Service: a LoadBalancer service is progressing until the load balancer reports an address; every other
/// type is healthy as soon as it exists.
/// </summary>
internal static class ServiceHealth
{
    public static HealthResult Assess(JsonObject service)
    {
        if (HealthFields.String(service, "spec", "type") != "LoadBalancer")
            return HealthResult.Of(HealthStatus.Healthy);
        return HealthFields.Array(service, "status", "loadBalancer", "ingress") is { Count: > 0 }
            ? HealthResult.Of(HealthStatus.Healthy)
            : HealthResult.Of(HealthStatus.Progressing);
    }
}
