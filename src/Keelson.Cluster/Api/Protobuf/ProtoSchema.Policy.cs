using static Keelson.Cluster.Api.Protobuf.ProtoKind;
using static Keelson.Cluster.Api.Protobuf.ProtoShape;

namespace Keelson.Cluster.Api.Protobuf;

internal static partial class ProtoSchema
{
    /// <summary>policy/v1 PodDisruptionBudget; scheduling.k8s.io/v1 PriorityClass.</summary>
    private static ProtoMessage[] PolicyMessages() =>
    [
        M("PodDisruptionBudget",
            F(1, "metadata", "ObjectMeta"),
            F(2, "spec", "PodDisruptionBudgetSpec"),
            F(3, "status", "PodDisruptionBudgetStatus")),
        M("PodDisruptionBudgetSpec",
            F(1, "minAvailable", IntOrString),
            F(2, "selector", "LabelSelector"),
            F(3, "maxUnavailable", IntOrString),
            F(4, "unhealthyPodEvictionPolicy", Str, keep: true)),
        M("PodDisruptionBudgetStatus",
            F(1, "observedGeneration", Int),
            F(2, "disruptedPods", Time, Map),
            F(3, "disruptionsAllowed", Int, keep: true),
            F(4, "currentHealthy", Int, keep: true),
            F(5, "desiredHealthy", Int, keep: true),
            F(6, "expectedPods", Int, keep: true),
            F(7, "conditions", "Condition", Repeated)),
        M("PriorityClass",
            F(1, "metadata", "ObjectMeta"),
            F(2, "value", Int, keep: true),
            F(3, "globalDefault", Bool),
            F(4, "description", Str),
            F(5, "preemptionPolicy", Str, keep: true)),
    ];
}
