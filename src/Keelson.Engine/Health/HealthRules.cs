using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>
/// The built-in health rules, one per kind, as Argo CD's: pure functions of a live object. Rules read only the object
/// passed in (never its children or the cluster) and do not change it.
/// </summary>
public static class HealthRules
{
    private static readonly Dictionary<GroupKind, Func<JsonObject, HealthResult>> Rules = new()
    {
        [new("apps", "Deployment")] = DeploymentHealth.Assess,
        [new("apps", "StatefulSet")] = StatefulSetHealth.Assess,
        [new("apps", "DaemonSet")] = DaemonSetHealth.Assess,
        [new("apps", "ReplicaSet")] = ReplicaSetHealth.Assess,
        [new("", "Service")] = ServiceHealth.Assess,
        [new("", "PersistentVolumeClaim")] = PersistentVolumeClaimHealth.Assess,
        [new("", "Pod")] = PodHealth.Assess,
        [new("networking.k8s.io", "Ingress")] = IngressHealth.Assess,
        [new("extensions", "Ingress")] = IngressHealth.Assess,
        [new("batch", "Job")] = JobHealth.Assess,
        [new("batch", "CronJob")] = CronJobHealth.Assess,
        [new("autoscaling", "HorizontalPodAutoscaler")] = HorizontalPodAutoscalerHealth.Assess,
        [new("apiregistration.k8s.io", "APIService")] = ApiServiceHealth.Assess,
        [new("argoproj.io", "Application")] = ApplicationHealth.Assess,
        [new("argoproj.io", "Workflow")] = WorkflowHealth.Assess,
        [new("argoproj.io", "Rollout")] = RolloutHealth.Assess,
        [new("cert-manager.io", "Certificate")] = ConditionHealth.Certificate,
        [new("cert-manager.io", "Issuer")] = ConditionHealth.For("Ready", "Initializing issuer"),
        [new("cert-manager.io", "ClusterIssuer")] = ConditionHealth.For("Ready", "Initializing ClusterIssuer"),
        [new("external-secrets.io", "ExternalSecret")] = ConditionHealth.For("Ready", "Waiting for ExternalSecret"),
        [new("bitnami.com", "SealedSecret")] = ConditionHealth.For("Synced", "Waiting for Sealed Secret to be decrypted"),
        [new("policy", "PodDisruptionBudget")] = PodDisruptionBudgetHealth.Assess,
        [new("apiextensions.k8s.io", "CustomResourceDefinition")] = CustomResourceDefinitionHealth.Assess,
    };

    /// <summary>The kinds that have a built-in rule.</summary>
    public static IReadOnlyCollection<GroupKind> Kinds => Rules.Keys;

    /// <summary>
    /// The health of one live object, or null when it has none: no rule applies to its kind, or it carries
    /// <c>argocd.argoproj.io/ignore-healthcheck: "true"</c>. A null result does not count towards the app's health.
    /// In order: the ignore annotation gives null (Argo CD skips such objects before anything else); an object
    /// being deleted is Progressing "Pending deletion" unless it holds Argo CD's hook finalizer; then argocd-cm's
    /// health script for its kind, when <paramref name="customizations"/> has one (a script wins over a built-in
    /// rule, as in Argo CD; a failing script gives Unknown); then the rule for its group and kind, whatever the
    /// version. Assess does not look up children or owners.
    /// </summary>
    public static HealthResult? Assess(JsonObject live, ResourceCustomizations? customizations = null)
    {
        ArgumentNullException.ThrowIfNull(live);

        if (live.GetAnnotations().TryGetValue(ArgoAnnotations.IgnoreHealthCheck, out var ignore) && ignore == "true")
            return null;

        if (live.GetPath("metadata", "deletionTimestamp") is JsonValue && !HasHookFinalizer(live))
            return HealthResult.Of(HealthStatus.Progressing, "Pending deletion");

        var kind = live.GetGroupVersionKind().GroupKind;
        if (customizations is not null && customizations.HasHealthScript(kind.Group, kind.Kind)) return customizations.Health(live);
        return Rules.TryGetValue(kind, out var rule) ? rule(live) : null;
    }

    /// <summary>
    /// The app's health: the worst of the given statuses, Healthy when there are none. A desired object with no
    /// live counterpart counts as <see cref="HealthStatus.Missing"/>; the caller passes that status for it.
    /// </summary>
    public static HealthStatus Aggregate(IEnumerable<HealthStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var worst = HealthStatus.Healthy;
        foreach (var status in statuses)
        {
            if (status.IsWorseThan(worst)) worst = status;
        }
        return worst;
    }

    /// <summary>As <see cref="Aggregate(IEnumerable{HealthStatus})"/> over assessed results; null results (no health) are skipped.</summary>
    public static HealthStatus Aggregate(IEnumerable<HealthResult?> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Aggregate(results.OfType<HealthResult>().Select(r => r.Status));
    }

    private static bool HasHookFinalizer(JsonObject live) =>
        HealthFields.Array(live, "metadata", "finalizers") is { } finalizers
        && finalizers.Any(f => f is JsonValue v && v.TryGetValue<string>(out var s) && s == ArgoAnnotations.HookFinalizer);
}
