using System.Globalization;
using System.Security.Cryptography;
using Keelson.Cluster.Api;
using Keelson.Cluster.Catalog;
using Keelson.Resources;

namespace Keelson.Cluster.Kubelet;

internal sealed partial class SimulatedKubelet
{
    /// <summary>Advances every due pod, then writes their statuses (and final deletes) together.</summary>
    private async Task StepAllAsync(List<PodRuntime> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _catalogNow = null;
        var writes = new List<Task>(due.Count);
        foreach (var runtime in due)
        {
            if (Step(runtime, now) is { } write) writes.Add(write);
        }
        await Task.WhenAll(writes);
    }

    /// <summary>Moves one pod on as far as <paramref name="now"/> allows; returns its write, if any.</summary>
    private Task? Step(PodRuntime runtime, DateTimeOffset now)
    {
        if (runtime.Removed) return null;
        if (runtime.Terminating)
        {
            if (now >= runtime.RemoveAt)
            {
                runtime.Removed = true;
                return RemoveAsync(runtime);
            }
            Schedule(runtime, runtime.RemoveAt);
            return WriteStatusAsync(runtime, now);
        }
        if (runtime.TerminalPhase is null)
        {
            if (runtime.StartTime is null)
            {
                // First sight: the kubelet accepts the pod, starts the sandbox and begins pulling.
                runtime.StartTime = now;
                foreach (var c in runtime.All) c.State = ContainerState.Initializing;
                var first = runtime.InitContainers.FirstOrDefault(c => !c.IsSidecar) ?? runtime.InitContainers.FirstOrDefault();
                var starting = first is not null ? [first] : runtime.Containers;
                foreach (var c in starting) Prepare(runtime, c, now + runtime.Behaviour.StartDelay);
            }
            else
            {
                Advance(runtime, now);
            }
            runtime.TerminalPhase = TerminalPhase(runtime);
        }
        Schedule(runtime, NextDue(runtime, now) ?? DateTimeOffset.MaxValue);
        return WriteStatusAsync(runtime, now);
    }

    /// <summary>A container about to be pulled and started at <paramref name="at"/> (ContainerCreating until then).</summary>
    private void Prepare(PodRuntime runtime, ContainerRuntime c, DateTimeOffset at)
    {
        c.State = ContainerState.Creating;
        c.NextAt = at;
        if (!IsPresent(c)) _events.Post(runtime.Pod, "Normal", "Pulling", $"Pulling image \"{c.Image}\"");
    }

    /// <summary>Runs the init containers in order, then the app containers, through every transition now due.</summary>
    private void Advance(PodRuntime runtime, DateTimeOffset now)
    {
        var initialized = true;
        foreach (var c in runtime.InitContainers)
        {
            if (c.State == ContainerState.Initializing) Prepare(runtime, c, now);
            AdvanceContainer(runtime, c, now);
            if (!c.InitDone)
            {
                initialized = false;
                break;
            }
        }
        if (!initialized) return;
        foreach (var c in runtime.Containers)
        {
            if (c.State == ContainerState.Initializing) Prepare(runtime, c, now);
            AdvanceContainer(runtime, c, now);
        }
    }

    private void AdvanceContainer(PodRuntime runtime, ContainerRuntime c, DateTimeOffset now)
    {
        // A container may pass several transitions in one step (an init container that starts and completes at once).
        for (var guard = 0; guard < 8 && c.NextAt <= now; guard++)
        {
            switch (c.State)
            {
                case ContainerState.Creating:
                case ContainerState.PullBackOff:
                    TryStart(runtime, c, now);
                    break;
                case ContainerState.PullFailed:
                    c.State = ContainerState.PullBackOff;
                    c.Message = $"Back-off pulling image \"{c.Image}\": {c.PullFailure}: {c.Message}";
                    c.NextAt = now + BackOff(c.PullFailures) / 2;
                    _events.Post(runtime.Pod, "Normal", "BackOff", $"Back-off pulling image \"{c.Image}\"");
                    _events.Post(runtime.Pod, "Warning", "Failed", "Error: ImagePullBackOff");
                    break;
                case ContainerState.Running:
                    Exit(runtime, c, now);
                    break;
                case ContainerState.CrashBackOff:
                    c.State = ContainerState.Creating;
                    TryStart(runtime, c, now);
                    break;
                default:
                    c.NextAt = DateTimeOffset.MaxValue;
                    break;
            }
        }
    }

    /// <summary>Pulls the image if needed and starts the container, or records the pull failure and backs off.</summary>
    private void TryStart(PodRuntime runtime, ContainerRuntime c, DateTimeOffset now)
    {
        var reference = ImageReference.Normalize(c.Image);
        if (c.State == ContainerState.PullBackOff && !IsPresent(c)) _events.Post(runtime.Pod, "Normal", "Pulling", $"Pulling image \"{c.Image}\"");
        if (!IsPresent(c))
        {
            if (c.PullPolicy == "Never" || !CanPull(reference))
            {
                c.PullFailures++;
                c.State = ContainerState.PullFailed;
                if (c.PullPolicy == "Never")
                {
                    c.PullFailure = "ErrImageNeverPull";
                    c.Message = $"Container image \"{c.Image}\" is not present with pull policy of Never";
                    _events.Post(runtime.Pod, "Warning", "ErrImageNeverPull", c.Message);
                }
                else
                {
                    c.PullFailure = "ErrImagePull";
                    c.Message = $"rpc error: code = NotFound desc = failed to pull and unpack image \"{reference}\": failed to resolve reference \"{reference}\": {reference}: not found";
                    _events.Post(runtime.Pod, "Warning", "Failed", $"Failed to pull image \"{c.Image}\": {c.Message}");
                    _events.Post(runtime.Pod, "Warning", "Failed", "Error: ErrImagePull");
                }
                c.NextAt = now + BackOff(c.PullFailures) / 2;
                return;
            }
            var took = runtime.Behaviour.StartDelay.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + "ms";
            _events.Post(runtime.Pod, "Normal", "Pulled", $"Successfully pulled image \"{c.Image}\" in {took} ({took} including waiting). Image size: {ImageSize(reference)} bytes.");
            _present.Add(reference);
        }
        else
        {
            _events.Post(runtime.Pod, "Normal", "Pulled", $"Container image \"{c.Image}\" already present on machine");
        }
        if (!runtime.SandboxReady)
        {
            runtime.SandboxReady = true;
            runtime.PodIP ??= HostNetwork(runtime) ? SimulatedNode.InternalIP : _ips.Allocate();
        }
        c.PulledImage = reference;
        c.Message = null;
        c.State = ContainerState.Running;
        c.StartedAt = now;
        c.EverStarted = true;
        c.ContainerId = "keelson://" + Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        _events.Post(runtime.Pod, "Normal", "Created", $"Created container: {c.Name}");
        _events.Post(runtime.Pod, "Normal", "Started", $"Started container {c.Name}");
        if (c.IsInit && !c.IsSidecar) c.NextAt = now;
        else if (!c.IsInit && runtime.Behaviour.ContainersExit) c.NextAt = now + RunFor(runtime);
        else c.NextAt = DateTimeOffset.MaxValue;
    }

    /// <summary>The container's process ends: it is restarted after a back-off, or stays terminated.</summary>
    private void Exit(PodRuntime runtime, ContainerRuntime c, DateTimeOffset now)
    {
        c.FinishedAt = now;
        c.ExitCode = c.IsInit ? 0 : runtime.Behaviour.ExitCode;
        var restarts = c.IsInit ? c.ExitCode != 0 && runtime.Behaviour.RestartPolicy != "Never" : runtime.Behaviour.Restarts(c.ExitCode);
        if (!restarts)
        {
            c.State = ContainerState.Exited;
            c.NextAt = DateTimeOffset.MaxValue;
            return;
        }
        c.LastTerminated = Terminated(c);
        c.RestartCount++;
        c.State = ContainerState.CrashBackOff;
        var backOff = BackOff(c.RestartCount);
        c.Message = $"back-off {Seconds(backOff)} restarting failed container={c.Name} pod={runtime.Identity}";
        c.NextAt = now + backOff;
        _events.Post(runtime.Pod, "Warning", "BackOff", $"Back-off restarting failed container {c.Name} in pod {runtime.Identity}");
    }

    /// <summary>Deletion seen: containers stop (unready at once) and the pod goes after at most its grace period.</summary>
    private void BeginTermination(PodRuntime runtime, DateTimeOffset now)
    {
        runtime.Terminating = true;
        var grace = JsonNumbers.Long(runtime.Pod.GetPath("metadata", "deletionGracePeriodSeconds")) ?? 0;
        var delay = TimeSpan.FromSeconds(grace);
        if (delay > options.PodTerminationDelay) delay = options.PodTerminationDelay;
        runtime.RemoveAt = runtime.TerminalPhase is null ? now + delay : now;
        foreach (var c in runtime.All)
        {
            c.Stopping = true;
            if (c.State == ContainerState.Running && runtime.RemoveAt > now) _events.Post(runtime.Pod, "Normal", "Killing", $"Stopping container {c.Name}");
        }
        Schedule(runtime, now);
    }

    private async Task RemoveAsync(PodRuntime runtime)
    {
        try
        {
            await _client.DeleteNowAsync(_podType, runtime.Namespace, runtime.Name, runtime.Uid);
        }
        catch (ApiException)
        {
            // Gone or replaced meanwhile.
        }
    }

    /// <summary>Succeeded or Failed once every container is done for good; null while anything runs or will.</summary>
    private static string? TerminalPhase(PodRuntime runtime)
    {
        if (runtime.InitContainers.Any(c => c.State == ContainerState.Exited && c.ExitCode != 0)) return "Failed";
        if (runtime.Containers.Count == 0 || runtime.Containers.Any(c => c.State != ContainerState.Exited)) return null;
        return runtime.Containers.All(c => c.ExitCode == 0) ? "Succeeded" : "Failed";
    }

    /// <summary>When the pod needs stepping next: a container transition or a container turning ready.</summary>
    private static DateTimeOffset? NextDue(PodRuntime runtime, DateTimeOffset now)
    {
        if (runtime.TerminalPhase is not null) return null;
        DateTimeOffset? next = null;
        foreach (var c in runtime.All)
        {
            if (c.NextAt != DateTimeOffset.MaxValue && (next is null || c.NextAt < next)) next = c.NextAt;
            if (c.ReadyAt is { } ready && ready > now && (next is null || ready < next)) next = ready;
        }
        return next;
    }

    private bool IsPresent(ContainerRuntime c) => c.PullPolicy != "Always" && _present.Contains(ImageReference.Normalize(c.Image))
        || (c.PullPolicy == "Never" && options.ImagePolicy == ImagePolicy.Any);

    private bool CanPull(string reference)
    {
        if (options.ImagePolicy == ImagePolicy.Any) return true;
        _catalogNow ??= _catalog.Current();
        return ImageCatalog.Matches(_catalogNow, reference);
    }

    private TimeSpan RunFor(PodRuntime runtime) => runtime.Behaviour.RunFor ?? options.DefaultRunFor;

    /// <summary>The n-th back-off: the initial one doubled n−1 times, at most the maximum.</summary>
    private TimeSpan BackOff(int n)
    {
        var delay = options.BackOffInitial;
        for (var i = 1; i < n && delay < options.BackOffMax; i++) delay *= 2;
        return delay > options.BackOffMax ? options.BackOffMax : delay;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds >= 1
        ? span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"
        : span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + "ms";

    private static bool HostNetwork(PodRuntime runtime) =>
        runtime.Pod.GetPath("spec", "hostNetwork") is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static long ImageSize(string reference) => 10_000_000 + (BitConverter.ToUInt32(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(reference))) % 90_000_000);
}
