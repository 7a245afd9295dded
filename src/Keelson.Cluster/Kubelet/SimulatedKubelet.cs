using System.Text.Json.Nodes;
using System.Threading.Channels;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Controllers;
using Keelson.Resources;

namespace Keelson.Cluster.Kubelet;

/// <summary>
/// The kubelet of keelson-node, simulated: runs the pods bound to the node through the states a real kubelet reports
/// (ContainerCreating, Running and Ready, CrashLoopBackOff, ErrImagePull/ImagePullBackOff, Completed/Error) and
/// removes deleted pods after their containers stopped. One loop owns all pod state; work is kept in a queue ordered
/// by due time and the status writes of everything due at once go to the store together (one group commit).
/// </summary>
internal sealed partial class SimulatedKubelet(SimulationOptions options) : IController
{
    private const string Component = "kubelet";

    private readonly Channel<WatchEvent> _changes = Channel.CreateUnbounded<WatchEvent>();
    private readonly Dictionary<string, PodRuntime> _pods = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(string Uid, long Stamp), DateTimeOffset> _due = new();
    private readonly PodIPAllocator _ips = new();

    /// <summary>Images pulled on this node (normalised): IfNotPresent pulls them no more.</summary>
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);

    private ClusterClient _client = null!;
    private ResourceType _podType = null!;
    private EventQueue _events = null!;
    private ImageCatalog _catalog = null!;
    private IReadOnlySet<string>? _catalogNow;

    public string Name => "kubelet";

    public async Task RunAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        _client = client;
        _podType = client.Type("", "v1", "pods");
        _events = new EventQueue(client, Component);
        _catalog = new ImageCatalog(client);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(stop.Token);
        var events = _events.RunAsync(stop.Token);
        Task<bool>? changed = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                while (_changes.Reader.TryRead(out var change)) Observe(change);
                var now = client.Time.GetUtcNow();
                var due = TakeDue(now);
                if (due.Count > 0)
                {
                    await StepAllAsync(due, now, cancellationToken);
                    continue;
                }
                changed ??= _changes.Reader.WaitToReadAsync(cancellationToken).AsTask();
                if (_due.TryPeek(out _, out var next))
                {
                    using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var delay = Task.Delay(Max(next - now, TimeSpan.FromMilliseconds(1)), client.Time, wake.Token);
                    await Task.WhenAny(changed, delay);
                    await wake.CancelAsync();
                }
                else
                {
                    await changed;
                }
                if (changed.IsCompleted)
                {
                    if (!await changed) throw new InvalidOperationException("pod watch ended");
                    changed = null;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(pump, events);
        }
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in _client.WatchAsync(_podType, null, cancellationToken)) _changes.Writer.TryWrite(change);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            _changes.Writer.TryComplete();
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Takes in one change of a pod: new pods on the node start, deleted ones begin to terminate.</summary>
    private void Observe(WatchEvent change)
    {
        var pod = change.Object;
        var uid = pod.GetUid();
        if (uid is null) return;
        if (change.Type == WatchEventType.Deleted)
        {
            if (_pods.Remove(uid, out var gone)) _ips.Release(gone.PodIP);
            return;
        }
        if (pod.GetPath("spec", "nodeName")?.ToString() != SimulatedNode.Name) return;
        var now = _client.Time.GetUtcNow();
        if (!_pods.TryGetValue(uid, out var runtime))
        {
            runtime = Admit(pod, now);
            _pods[uid] = runtime;
        }
        else
        {
            runtime.Pod = pod;
        }
        if (pod.GetPath("metadata", "deletionTimestamp") is not null && !runtime.Terminating) BeginTermination(runtime, now);
    }

    /// <summary>A pod new to this kubelet: adopted as stored when it already ran (a restarted cluster), otherwise started.</summary>
    private PodRuntime Admit(JsonObject pod, DateTimeOffset now)
    {
        var behaviour = PodBehaviour.Of(pod, options);
        var runtime = new PodRuntime
        {
            Uid = pod.GetUid()!,
            Namespace = pod.GetNamespace() ?? "default",
            Name = pod.GetName()!,
            Pod = pod,
            Behaviour = behaviour,
        };
        var spec = pod["spec"] as JsonObject;
        foreach (var c in Items(spec?["initContainers"]))
        {
            runtime.InitContainers.Add(NewContainer(c, behaviour, isInit: true));
        }
        foreach (var c in Items(spec?["containers"])) runtime.Containers.Add(NewContainer(c, behaviour, isInit: false));
        if (!Adopt(runtime, now)) Schedule(runtime, now);
        return runtime;
    }

    private ContainerRuntime NewContainer(JsonObject spec, PodBehaviour behaviour, bool isInit)
    {
        var sidecar = isInit && spec.GetString("restartPolicy") == "Always";
        TimeSpan? readyDelay;
        if (isInit && !sidecar) readyDelay = null;
        else if (behaviour.NeverReady || behaviour.Crash) readyDelay = null;
        else if (behaviour.ReadyAfter is { } after) readyDelay = after;
        else if (spec["readinessProbe"] is JsonObject probe)
        {
            var initialDelay = JsonNumbers.Long(probe["initialDelaySeconds"]) ?? 0;
            readyDelay = TimeSpan.FromSeconds(initialDelay * options.ProbeDelayScale);
        }
        else readyDelay = TimeSpan.Zero;
        return new ContainerRuntime
        {
            Name = spec.GetString("name") ?? "",
            Image = spec.GetString("image") ?? "",
            PullPolicy = spec.GetString("imagePullPolicy") ?? "IfNotPresent",
            IsInit = isInit,
            IsSidecar = sidecar,
            ReadyDelay = readyDelay,
            State = ContainerState.Initializing,
        };
    }

    /// <summary>
    /// Picks up a pod whose stored status says it already ran (the cluster restarted): its IP, start time and containers
    /// carry on as stored instead of starting over. False when there is nothing to adopt.
    /// </summary>
    private bool Adopt(PodRuntime runtime, DateTimeOffset now)
    {
        var status = runtime.Pod["status"] as JsonObject;
        var phase = status?.GetString("phase");
        var statuses = Items(status?["containerStatuses"]).ToDictionary(s => s.GetString("name") ?? "", StringComparer.Ordinal);
        if (phase is not ("Running" or "Succeeded" or "Failed")) return false;
        if (phase == "Running" && runtime.Containers.Any(c => !statuses.TryGetValue(c.Name, out var s) || s.GetPath("state", "running") is null)) return false;
        if (status?.GetString("podIP") is { } ip && _ips.Reserve(ip)) runtime.PodIP = ip;
        else if (status?.GetString("podIP") is not null) return false;
        runtime.StartTime = Time(status?.GetString("startTime")) ?? now;
        runtime.SandboxReady = phase == "Running";
        runtime.TerminalPhase = phase == "Running" ? null : phase;
        foreach (var c in runtime.InitContainers)
        {
            c.State = ContainerState.Exited;
            c.EverStarted = true;
        }
        foreach (var c in runtime.Containers)
        {
            var s = statuses.GetValueOrDefault(c.Name);
            c.EverStarted = true;
            c.RestartCount = (int)(JsonNumbers.Long(s?["restartCount"]) ?? 0);
            c.ContainerId = s?.GetString("containerID");
            c.PulledImage = ImageReference.Normalize(c.Image);
            if (s?.GetPath("state", "running") is JsonObject running)
            {
                c.State = ContainerState.Running;
                c.StartedAt = Time(running.GetString("startedAt")) ?? now;
                if (runtime.Behaviour.ContainersExit) c.NextAt = Max(c.StartedAt.Value + RunFor(runtime), now);
            }
            else
            {
                c.State = ContainerState.Exited;
                c.ExitCode = (int)(JsonNumbers.Long(s?.GetPath("state", "terminated", "exitCode")) ?? 0);
            }
        }
        runtime.WrittenStatus = status?.ToJsonString();
        foreach (var condition in Items(status?["conditions"]))
        {
            if (condition.GetString("type") is { } type && condition.GetString("status") is { } s && condition.GetString("lastTransitionTime") is { } t)
            {
                runtime.Transitions[type] = (s, t);
            }
        }
        Schedule(runtime, NextDue(runtime, now) ?? DateTimeOffset.MaxValue);
        return true;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>Queues the pod to be stepped at <paramref name="at"/>; earlier queue entries for it no longer count.</summary>
    private void Schedule(PodRuntime runtime, DateTimeOffset at)
    {
        runtime.Stamp++;
        if (at == DateTimeOffset.MaxValue) return;
        _due.Enqueue((runtime.Uid, runtime.Stamp), at);
    }

    private List<PodRuntime> TakeDue(DateTimeOffset now)
    {
        var due = new List<PodRuntime>();
        while (_due.TryPeek(out var entry, out var at) && at <= now)
        {
            _due.Dequeue();
            if (_pods.TryGetValue(entry.Uid, out var runtime) && runtime.Stamp == entry.Stamp) due.Add(runtime);
        }
        return due;
    }

    private static IEnumerable<JsonObject> Items(JsonNode? node) => node is JsonArray a ? a.OfType<JsonObject>() : [];
}
