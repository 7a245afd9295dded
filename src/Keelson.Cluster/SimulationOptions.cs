namespace Keelson.Cluster;

/// <summary>
/// How the embedded cluster simulates its node, the kubelet and workloads. Durations are the simulated ones: a real
/// kubelet's back-off (10 s doubling to 5 min) and probe delays are scaled down so labs and tests move quickly.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>How long a scheduled pod takes from ContainerCreating to Running (before readiness delays).</summary>
    public TimeSpan PodStartDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Which images pull: every one (<see cref="ImagePolicy.Any"/>) or only those in the image catalog.</summary>
    public ImagePolicy ImagePolicy { get; init; } = ImagePolicy.Any;

    /// <summary>The node's cpu capacity and allocatable, as a Kubernetes quantity.</summary>
    public string NodeCpu { get; init; } = "4";

    /// <summary>The node's memory capacity and allocatable, as a Kubernetes quantity.</summary>
    public string NodeMemory { get; init; } = "8Gi";

    /// <summary>How many pods the node takes (a kubelet's max-pods; 110 by default as on a real node).</summary>
    public int NodePods { get; init; } = 110;

    /// <summary>The first back-off of a crashing container or a failing image pull (a real kubelet: 10 s).</summary>
    public TimeSpan BackOffInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off (a real kubelet: 5 min); the back-off doubles up to it.</summary>
    public TimeSpan BackOffMax { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Scales readiness probes' initialDelaySeconds (0.1: a probe with initialDelaySeconds 10 passes after 1 s).
    /// </summary>
    public double ProbeDelayScale { get; init; } = 0.1;

    /// <summary>How long a container of a run-to-completion pod runs when the pod does not say (sim.keelson.dev/run-for).</summary>
    public TimeSpan DefaultRunFor { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long stopping a deleted pod's containers takes, at most its grace period; then the kubelet removes the pod.
    /// A real kubelet waits for the containers to exit, up to terminationGracePeriodSeconds (30 s by default).
    /// </summary>
    public TimeSpan PodTerminationDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How often the HorizontalPodAutoscaler controller evaluates every HPA (kube-controller-manager: 15 s).</summary>
    public TimeSpan AutoscalerSyncPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The scale-down stabilization window of an HPA whose spec.behavior does not set one
    /// (--horizontal-pod-autoscaler-downscale-stabilization, 5 minutes in Kubernetes).
    /// </summary>
    public TimeSpan DownscaleStabilizationWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How far the usage ratio may stray from 1.0 before the HPA scales (--horizontal-pod-autoscaler-tolerance).</summary>
    public double AutoscalerTolerance { get; init; } = 0.1;

    /// <summary>The first delay before a Job replaces a failed pod; it doubles per failure up to 6 minutes (Kubernetes: 10 s).</summary>
    public TimeSpan JobBackoffBase { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the CronJob controller looks at the clock between watch events, so an injected clock is noticed.</summary>
    public TimeSpan CronJobPollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
