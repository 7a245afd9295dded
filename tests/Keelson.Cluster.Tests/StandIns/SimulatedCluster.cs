using Keelson.Cluster.Tests.Kubectl;

namespace Keelson.Cluster.Tests.StandIns;

/// <summary>
/// A kubectl-reachable embedded cluster with fast simulation settings, an <see cref="OffsetClock"/>, and the
/// test-only stand-in for the Deployment controller running beside it (until the real one lands).
/// </summary>
public sealed class SimulatedCluster : KubectlCluster
{
    private StandInDeployments? _deployments;

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

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _deployments = new StandInDeployments(Cluster.Client);
    }

    public override async Task DisposeAsync()
    {
        if (_deployments is not null) await _deployments.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Creates a namespace with kubectl apply and returns its name.</summary>
    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await OkAsync("apply -f -", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n");
        return name;
    }
}
