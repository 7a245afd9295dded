using System.Text.Json.Nodes;

namespace Keelson.Cluster.Kubelet;

/// <summary>The simulated kubelet's record of one container of a pod.</summary>
internal sealed class ContainerRuntime
{
    public required string Name { get; init; }

    /// <summary>The image as the pod spec names it.</summary>
    public required string Image { get; init; }

    public required string PullPolicy { get; init; }

    public bool IsInit { get; init; }

    /// <summary>An init container with restartPolicy Always: started in order, then runs beside the app containers.</summary>
    public bool IsSidecar { get; init; }

    /// <summary>How long after start the container turns ready; null: never.</summary>
    public TimeSpan? ReadyDelay { get; init; }

    public ContainerState State { get; set; }

    /// <summary>The waiting message (a pull error) shown with PullFailed and PullBackOff.</summary>
    public string? Message { get; set; }

    /// <summary>The reason shown while <see cref="ContainerState.PullFailed"/> (ErrImagePull or ErrImageNeverPull).</summary>
    public string PullFailure { get; set; } = "ErrImagePull";

    /// <summary>When the next transition is due; <see cref="DateTimeOffset.MaxValue"/> when none is.</summary>
    public DateTimeOffset NextAt { get; set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int ExitCode { get; set; }

    public string? ContainerId { get; set; }

    /// <summary>The normalised reference once the image pulled.</summary>
    public string? PulledImage { get; set; }

    public int RestartCount { get; set; }

    public int PullFailures { get; set; }

    /// <summary>The previous instance's terminated state (lastState.terminated).</summary>
    public JsonObject? LastTerminated { get; set; }

    /// <summary>Whether this container has started at least once (a waiting container that never ran keeps the pod Pending).</summary>
    public bool EverStarted { get; set; }

    /// <summary>Set when the pod is being deleted: containers report unready from then on.</summary>
    public bool Stopping { get; set; }

    /// <summary>True once the container is done for the init sequence (exited successfully, or a started sidecar).</summary>
    public bool InitDone => (State == ContainerState.Exited && ExitCode == 0) || (IsSidecar && EverStarted);

    public bool IsReady(DateTimeOffset now) =>
        State == ContainerState.Running && !Stopping && ReadyDelay is { } delay && StartedAt is { } started && started + delay <= now;

    /// <summary>When readiness is still to come for a running container, the moment it arrives.</summary>
    public DateTimeOffset? ReadyAt =>
        State == ContainerState.Running && !Stopping && ReadyDelay is { } delay && StartedAt is { } started ? started + delay : null;
}
