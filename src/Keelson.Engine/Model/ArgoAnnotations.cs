namespace Keelson.Engine.Model;

/// <summary>The annotation, label and finalizer keys of Argo CD that Keelson reads and writes.</summary>
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

    /// <summary>Keelson's: set by `keelson app rollback` while automated sync is suspended (the value says why).</summary>
    public const string AutoSyncSuspended = "keelson.dev/auto-sync-suspended";
}
