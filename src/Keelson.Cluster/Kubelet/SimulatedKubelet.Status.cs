using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Kubelet;

internal sealed partial class SimulatedKubelet
{
    /// <summary>Writes the pod's status as the kubelet's status manager does, unless it reads as already written.</summary>
    private Task? WriteStatusAsync(PodRuntime runtime, DateTimeOffset now)
    {
        var status = BuildStatus(runtime, now);
        var json = status.ToJsonString();
        if (json == runtime.WrittenStatus) return null;
        runtime.WrittenStatus = json;
        var uid = runtime.Uid;
        return _client.MutateAsync(_podType, runtime.Namespace, runtime.Name, pod =>
        {
            if (pod.GetUid() != uid) return false;
            var next = (JsonObject)status.DeepClone();
            var old = pod["status"] as JsonObject;
            // The scheduler's condition and the admission-time QoS class stay as they are.
            if (Items(old?["conditions"]).FirstOrDefault(c => c.GetString("type") == "PodScheduled") is { } scheduled)
            {
                ((JsonArray)next["conditions"]!).Add(scheduled.DeepClone());
            }
            next["qosClass"] = old?["qosClass"]?.DeepClone() ?? "BestEffort";
            if (old?["nominatedNodeName"] is { } nominated) next["nominatedNodeName"] = nominated.DeepClone();
            if (JsonNode.DeepEquals(old, next)) return false;
            pod["status"] = next;
            return true;
        });
    }

    private JsonObject BuildStatus(PodRuntime runtime, DateTimeOffset now)
    {
        var phase = runtime.TerminalPhase ?? Phase(runtime);
        var initialized = runtime.InitContainers.All(c => c.InitDone) || runtime.TerminalPhase is not null;
        var unready = runtime.Containers.Where(c => !c.IsReady(now)).Select(c => c.Name).ToList();
        var terminalReason = runtime.TerminalPhase == "Succeeded" ? "PodCompleted" : "PodFailed";
        var conditions = new JsonArray
        {
            Condition(runtime, now, "PodReadyToStartContainers", runtime.SandboxReady && runtime.TerminalPhase is null && !runtime.Removed, null, null),
            runtime.TerminalPhase is not null
                ? Condition(runtime, now, "Initialized", true, "PodCompleted", null)
                : Condition(runtime, now, "Initialized", initialized, "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(" ", runtime.InitContainers.Where(c => !c.InitDone).Select(c => c.Name))}]"),
            runtime.TerminalPhase is not null
                ? Condition(runtime, now, "Ready", false, terminalReason, null)
                : Condition(runtime, now, "Ready", unready.Count == 0, "ContainersNotReady", $"containers with unready status: [{string.Join(" ", unready)}]"),
            runtime.TerminalPhase is not null
                ? Condition(runtime, now, "ContainersReady", false, terminalReason, null)
                : Condition(runtime, now, "ContainersReady", unready.Count == 0, "ContainersNotReady", $"containers with unready status: [{string.Join(" ", unready)}]"),
        };
        var status = new JsonObject
        {
            ["phase"] = phase,
            ["conditions"] = conditions,
            ["hostIP"] = SimulatedNode.InternalIP,
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = SimulatedNode.InternalIP }),
        };
        if (runtime.PodIP is { } ip)
        {
            status["podIP"] = ip;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
        }
        if (runtime.StartTime is { } start) status["startTime"] = KubeTime.Format(start);
        if (runtime.InitContainers.Count > 0)
        {
            status["initContainerStatuses"] = new JsonArray(runtime.InitContainers.Select(c => (JsonNode)ContainerStatus(runtime, c, now)).ToArray());
        }
        status["containerStatuses"] = new JsonArray(runtime.Containers.Select(c => (JsonNode)ContainerStatus(runtime, c, now)).ToArray());
        return status;
    }

    /// <summary>The phase of a pod still running: Pending while a container has never started, Running after.</summary>
    private static string Phase(PodRuntime runtime)
    {
        if (runtime.InitContainers.Any(c => !c.InitDone)) return "Pending";
        return runtime.Containers.Any(c => !c.EverStarted) ? "Pending" : "Running";
    }

    private static JsonObject Condition(PodRuntime runtime, DateTimeOffset now, string type, bool isTrue, string? reason, string? message)
    {
        var status = isTrue ? "True" : "False";
        if (!runtime.Transitions.TryGetValue(type, out var last) || last.Status != status)
        {
            last = (status, KubeTime.Format(now));
            runtime.Transitions[type] = last;
        }
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = last.Time,
        };
        // A true condition carries a reason only when the pod is done (Initialized: PodCompleted).
        if (reason is not null && (!isTrue || reason == "PodCompleted")) condition["reason"] = reason;
        if (message is not null && !isTrue) condition["message"] = message;
        return condition;
    }

    private static JsonObject ContainerStatus(PodRuntime runtime, ContainerRuntime c, DateTimeOffset now)
    {
        var status = new JsonObject
        {
            ["name"] = c.Name,
            ["image"] = c.PulledImage ?? c.Image,
            ["imageID"] = c.PulledImage is { } pulled ? ImageReference.ImageId(pulled) : "",
        };
        if (c.ContainerId is { } id && c.State != ContainerState.Creating) status["containerID"] = id;
        status["lastState"] = c.LastTerminated is { } last ? new JsonObject { ["terminated"] = last.DeepClone() } : new JsonObject();
        status["ready"] = c.IsReady(now);
        status["restartCount"] = c.RestartCount;
        status["started"] = c.State == ContainerState.Running;
        status["state"] = c.State switch
        {
            ContainerState.Running => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = KubeTime.Format(c.StartedAt!.Value) } },
            ContainerState.Exited => new JsonObject { ["terminated"] = Terminated(c) },
            _ => new JsonObject { ["waiting"] = Waiting(runtime, c) },
        };
        return status;
    }

    private static JsonObject Waiting(PodRuntime runtime, ContainerRuntime c)
    {
        var (reason, message) = c.State switch
        {
            ContainerState.Initializing => (runtime.InitContainers.Count > 0 && !c.IsInit ? "PodInitializing" : "ContainerCreating", null),
            ContainerState.Creating => (c.IsInit || runtime.InitContainers.Count == 0 || runtime.InitContainers.All(i => i.InitDone) ? "ContainerCreating" : "PodInitializing", null),
            ContainerState.PullFailed => (c.PullFailure, c.Message),
            ContainerState.PullBackOff => ("ImagePullBackOff", c.Message),
            ContainerState.CrashBackOff => ("CrashLoopBackOff", c.Message),
            _ => ("ContainerCreating", (string?)null),
        };
        var waiting = new JsonObject();
        if (message is not null) waiting["message"] = message;
        waiting["reason"] = reason;
        return waiting;
    }

    /// <summary>A terminated state (the current one, or lastState.terminated of a restarted container).</summary>
    private static JsonObject Terminated(ContainerRuntime c) => new()
    {
        ["containerID"] = c.ContainerId,
        ["exitCode"] = c.ExitCode,
        ["finishedAt"] = c.FinishedAt is { } f ? KubeTime.Format(f) : null,
        ["reason"] = c.ExitCode == 0 ? "Completed" : "Error",
        ["startedAt"] = c.StartedAt is { } s ? KubeTime.Format(s) : null,
    };
}
