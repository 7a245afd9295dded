using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>
/// v1/Pod. A pod that restarts its containers forever (restartPolicy Always) is degraded as soon as a container
/// waits on an error or a back-off, since it would otherwise look Running/Progressing through a crash loop; then
/// the phase decides, and a running long-lived pod is healthy only when it is Ready. A pod that is not a hook and
/// carries <c>argocd.argoproj.io/ignore-restart-policy: "true"</c> is judged as a long-lived one whatever its policy.
/// </summary>
internal static class PodHealth
{
    public static HealthResult Assess(JsonObject pod)
    {
        // The API server defaults restartPolicy to Always.
        var restartPolicy = HealthFields.String(pod, "spec", "restartPolicy") ?? "Always";
        var annotations = pod.GetAnnotations();
        var longLived = restartPolicy == "Always"
            || (annotations.GetValueOrDefault(ArgoAnnotations.IgnoreRestartPolicy) == "true" && !annotations.ContainsKey(ArgoAnnotations.Hook) && !annotations.ContainsKey("helm.sh/hook"));
        var containers = HealthFields.Objects(pod, "status", "containerStatuses").ToList();
        var message = HealthFields.String(pod, "status", "message");

        if (longLived)
        {
            var waitingOnErrors = containers
                .Select(c => c.GetPath("state", "waiting") as JsonObject)
                .Where(w => w is not null && IsErrorReason(w.GetString("reason") ?? ""))
                .Select(w => w!.GetString("message") ?? "")
                .ToList();
            if (waitingOnErrors.Count > 0)
                return HealthResult.Of(HealthStatus.Degraded, string.Join(", ", waitingOnErrors));
        }

        switch (HealthFields.String(pod, "status", "phase"))
        {
            case "Pending":
                return HealthResult.Of(HealthStatus.Progressing, message);
            case "Succeeded":
                return HealthResult.Of(HealthStatus.Healthy, message);
            case "Failed":
                return HealthResult.Of(HealthStatus.Degraded, FailureMessage(pod, containers, message));
            case "Running" when longLived:
                if (HealthFields.Condition(pod, "Ready")?.GetString("status") == "True")
                    return HealthResult.Of(HealthStatus.Healthy, message);
                // Not ready after a container already terminated once: it is crashing, not starting.
                if (containers.Any(c => c.GetPath("lastState", "terminated") is JsonObject))
                    return HealthResult.Of(HealthStatus.Degraded, message);
                return HealthResult.Of(HealthStatus.Progressing, message);
            case "Running" when restartPolicy is "OnFailure" or "Never":
                // A run-to-completion pod is only done when it has succeeded.
                return HealthResult.Of(HealthStatus.Progressing, message);
            default:
                return HealthResult.Of(HealthStatus.Unknown, message);
        }
    }

    // ErrImagePull, ImagePullBackOff, CrashLoopBackOff, CreateContainerConfigError, InvalidImageName's kin…
    private static bool IsErrorReason(string reason) =>
        reason.StartsWith("Err", StringComparison.Ordinal)
        || reason.EndsWith("Error", StringComparison.Ordinal)
        || reason.EndsWith("BackOff", StringComparison.Ordinal);

    // The pod's own message, else the first container (init containers first) that says why it failed.
    private static string? FailureMessage(JsonObject pod, List<JsonObject> containers, string? podMessage)
    {
        if (!string.IsNullOrEmpty(podMessage)) return podMessage;
        foreach (var container in HealthFields.Objects(pod, "status", "initContainerStatuses").Concat(containers))
        {
            if (container.GetPath("state", "terminated") is not JsonObject terminated) continue;
            if (terminated.GetString("message") is { Length: > 0 } text) return text;
            if (terminated.GetString("reason") == "OOMKilled") return "OOMKilled";
            var exitCode = HealthFields.Int(terminated, "exitCode");
            if (exitCode != 0) return $"container \"{container.GetString("name")}\" failed with exit code {exitCode}";
        }
        return null;
    }
}
