using Keelson.Cluster.Tests.Kubectl;

namespace Keelson.Cluster.Tests.Simulation;

/// <summary>
/// A kubectl-reachable embedded cluster with fast simulation settings and an <see cref="OffsetClock"/>.
/// </summary>
public sealed class SimulatedCluster : KubectlCluster
{
    public OffsetClock Clock { get; } = new();

    protected override ClusterOptions Options => new()
    {
        InMemory = true,
        Port = 0,
        Time = Clock,
        Simulation = new SimulationOptions
        {
            AutoscalerSyncPeriod = TimeSpan.FromMilliseconds(200),
            JobBackoffBase = TimeSpan.FromMilliseconds(50),
            CronJobPollInterval = TimeSpan.FromMilliseconds(100),
            PodStartDelay = TimeSpan.FromMilliseconds(100),
            DefaultRunFor = TimeSpan.FromMilliseconds(200),
            BackOffInitial = TimeSpan.FromMilliseconds(200),
        },
    };

    /// <summary>Creates a namespace with kubectl apply and returns its name.</summary>
    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await OkAsync("apply -f -", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n");
        return name;
    }
}
