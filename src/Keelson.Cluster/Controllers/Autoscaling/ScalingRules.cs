using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Autoscaling;

/// <summary>One direction of spec.behavior: stabilization window, policy selection and policies (Pods/Percent per period).</summary>
public sealed record ScalingRules(int StabilizationWindowSeconds, string SelectPolicy, IReadOnlyList<(string Type, int Value, int PeriodSeconds)> Policies)
{
    /// <summary>The controller's defaults when spec.behavior leaves a direction out (Kubernetes' GenerateHPAScaleUp/DownRules).</summary>
    public static ScalingRules Read(JsonObject? rules, bool scaleUp, int defaultDownWindowSeconds)
    {
        var window = PodFacts.IntOrNull(rules?["stabilizationWindowSeconds"]) ?? (scaleUp ? 0 : defaultDownWindowSeconds);
        var select = rules?.GetString("selectPolicy") ?? "Max";
        var policies = (rules?["policies"] as JsonArray)?.OfType<JsonObject>()
            .Select(p => (p.GetString("type") ?? "Pods", PodFacts.Int(p["value"]), PodFacts.Int(p["periodSeconds"], 15))).ToList();
        if (policies is null || policies.Count == 0)
        {
            policies = scaleUp ? [("Pods", 4, 15), ("Percent", 100, 15)] : [("Percent", 100, 15)];
        }
        return new ScalingRules(window, select, policies);
    }
}
