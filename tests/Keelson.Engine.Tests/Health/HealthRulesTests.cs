using System.Text.Json.Nodes;
using Keelson.Engine.Health;
using Keelson.Resources;

namespace Keelson.Engine.Tests.Health;

/// <summary>Behaviour of <see cref="HealthRules.Assess"/> that fixtures cannot show well.</summary>
public class HealthRulesTests
{
    [Fact]
    public void Every_built_in_kind_of_Argo_CD_has_a_rule()
    {
        GroupKind[] argo =
        [
            new("apps", "Deployment"), new("apps", "StatefulSet"), new("apps", "DaemonSet"), new("apps", "ReplicaSet"),
            new("", "Service"), new("", "PersistentVolumeClaim"), new("", "Pod"),
            new("networking.k8s.io", "Ingress"), new("extensions", "Ingress"),
            new("batch", "Job"), new("batch", "CronJob"), new("autoscaling", "HorizontalPodAutoscaler"),
            new("apiregistration.k8s.io", "APIService"), new("argoproj.io", "Workflow"),
        ];
        Assert.All(argo, kind => Assert.Contains(kind, HealthRules.Kinds));
    }

    [Fact]
    public void An_object_without_apiVersion_or_kind_has_no_health() => Assert.Null(HealthRules.Assess(new JsonObject()));

    [Fact]
    public void Mistyped_status_fields_read_as_absent_instead_of_throwing()
    {
        var deployment = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = "web", ["generation"] = 1 },
            ["spec"] = new JsonObject { ["replicas"] = "three" },
            ["status"] = new JsonObject { ["observedGeneration"] = 1, ["updatedReplicas"] = new JsonArray(), ["conditions"] = "none" },
        };
        Assert.Equal(
            new HealthResult(HealthStatus.Progressing, "Waiting for rollout to finish: 0 out of 1 new replicas have been updated..."),
            HealthRules.Assess(deployment));
    }
}
