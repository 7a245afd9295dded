namespace Keelson.Cluster;

/// <summary>How the embedded cluster simulates nodes, kubelets and workloads.</summary>
public sealed record SimulationOptions
{
    /// <summary>How long a scheduled pod takes from ContainerCreating to Running (before readiness delays).</summary>
    public TimeSpan PodStartDelay { get; init; } = TimeSpan.FromMilliseconds(500);

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
