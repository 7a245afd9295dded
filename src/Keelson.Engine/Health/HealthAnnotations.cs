namespace Keelson.Engine.Health;

/// <summary>Annotation and finalizer keys that health assessment reads.</summary>
public static class HealthAnnotations
{
    /// <summary>Set to "true" on a live object to leave it out of health assessment and of the app's health.</summary>
    public const string IgnoreHealthCheck = "argocd.argoproj.io/ignore-healthcheck";

    /// <summary>
    /// The finalizer Argo CD puts on hooks; an object being deleted that still holds it is assessed by its rule
    /// rather than reported as "Pending deletion", so a hook's result stays visible until it is collected.
    /// </summary>
    public const string HookFinalizer = "argocd.argoproj.io/hook-finalizer";

    /// <summary>Where autoscaling/v1 HorizontalPodAutoscalers carry their conditions, as a JSON array.</summary>
    public const string HpaV1Conditions = "autoscaling.alpha.kubernetes.io/conditions";
}
