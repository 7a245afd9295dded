using System.Text.Json.Nodes;

namespace Keelson.Cluster.Controllers.LoadBalancers;

/// <summary>
/// The address the embedded cluster reports for every load balancer: 127.0.0.1, where a real cloud would report its
/// own. Nothing listens there on the Service's behalf: it is status only, so GitOps health checks and
/// `kubectl get svc` (EXTERNAL-IP) behave as on a cloud cluster.
/// </summary>
internal static class LoadBalancerAddress
{
    public const string IP = "127.0.0.1";

    public static JsonObject Status(bool withIpMode) =>
        new() { ["ingress"] = new JsonArray(withIpMode ? new JsonObject { ["ip"] = IP, ["ipMode"] = "VIP" } : new JsonObject { ["ip"] = IP }) };
}
