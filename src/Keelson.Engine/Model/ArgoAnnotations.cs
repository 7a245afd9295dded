namespace Keelson.Engine.Model;

/// <summary>The annotation, label and finalizer keys (Argo CD's and Kubernetes') that the engine reads and writes: all in one place.</summary>
public static class ArgoAnnotations
{
    public const string TrackingId = "argocd.argoproj.io/tracking-id";
    public const string InstanceLabel = "app.kubernetes.io/instance";
    public const string Refresh = "argocd.argoproj.io/refresh";
    public const string SyncWave = "argocd.argoproj.io/sync-wave";
    public const string SyncOptions = "argocd.argoproj.io/sync-options";
    public const string Hook = "argocd.argoproj.io/hook";
    public const string HookDeletePolicy = "argocd.argoproj.io/hook-delete-policy";
    public const string CompareOptions = "argocd.argoproj.io/compare-options";
    public const string ResourcesFinalizer = "resources-finalizer.argocd.argoproj.io";
    public const string ResourcesFinalizerBackground = "resources-finalizer.argocd.argoproj.io/background";
    public const string InClusterServer = "https://kubernetes.default.svc";
    public const string InClusterName = "in-cluster";
    public const string Group = "argoproj.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = "argoproj.io/v1alpha1";
    public const string FieldManager = "keelson";

    /// <summary>The label that makes a Secret in the control namespace one of Argo CD's: <c>cluster</c>, <c>repository</c>, <c>repo-creds</c>.</summary>
    public const string SecretTypeLabel = "argocd.argoproj.io/secret-type";

    /// <summary><see cref="SecretTypeLabel"/>'s value for one repository: data key <c>url</c> is the repository's URL.</summary>
    public const string SecretTypeRepository = "repository";

    /// <summary><see cref="SecretTypeLabel"/>'s value for a credential template: data key <c>url</c> is a URL prefix.</summary>
    public const string SecretTypeRepoCreds = "repo-creds";

    /// <summary>Keelson's: set by `keelson app rollback` while automated sync is suspended (the value says why).</summary>
    public const string AutoSyncSuspended = "keelson.dev/auto-sync-suspended";

    /// <summary>Set to "true" on a live object to leave it out of health assessment and of the app's health.</summary>
    public const string IgnoreHealthCheck = "argocd.argoproj.io/ignore-healthcheck";

    /// <summary>On a Pod that is not a hook: judge it as a long-lived pod (restartPolicy Always) whatever its restartPolicy.</summary>
    public const string IgnoreRestartPolicy = "argocd.argoproj.io/ignore-restart-policy";

    /// <summary>
    /// The finalizer Argo CD puts on hooks; an object being deleted that still holds it is assessed by its rule
    /// rather than reported as "Pending deletion", so a hook's result stays visible until it is collected.
    /// </summary>
    public const string HookFinalizer = "argocd.argoproj.io/hook-finalizer";

    /// <summary>Where autoscaling/v1 HorizontalPodAutoscalers carry their conditions, as a JSON array.</summary>
    public const string HpaV1Conditions = "autoscaling.alpha.kubernetes.io/conditions";

    /// <summary>Written by client-side <c>kubectl apply</c>; holds the whole applied manifest, Secret data included.</summary>
    public const string LastAppliedConfiguration = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Set by the Deployment controller on every rollout.</summary>
    public const string DeploymentRevision = "deployment.kubernetes.io/revision";
}
