using Keelson.Cluster.Tests.Kubectl;

namespace Keelson.Cluster.Tests.StandIns;

/// <summary>
/// A kubectl-reachable embedded cluster with fast simulation settings, an <see cref="OffsetClock"/>, and the
/// test-only stand-ins for the kubelet and Deployment controller running beside it.
/// </summary>
public sealed class SimulatedCluster : KubectlCluster
{
    private FakeKubelet? _kubelet;
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
        },
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _kubelet = new FakeKubelet(Cluster.Client);
        _deployments = new StandInDeployments(Cluster.Client);
    }

    public override async Task DisposeAsync()
    {
        if (_deployments is not null) await _deployments.DisposeAsync();
        if (_kubelet is not null) await _kubelet.DisposeAsync();
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
