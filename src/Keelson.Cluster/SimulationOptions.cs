namespace Keelson.Cluster;

/// <summary>How the embedded cluster simulates nodes, kubelets and workloads.</summary>
public sealed record SimulationOptions
{
    /// <summary>How long a scheduled pod takes from ContainerCreating to Running (before readiness delays).</summary>
    public TimeSpan PodStartDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}
