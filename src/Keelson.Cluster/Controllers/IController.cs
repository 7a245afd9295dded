namespace Keelson.Cluster.Controllers;

/// <summary>
/// A control loop of the embedded cluster (kube-controller-manager's controllers, the scheduler, the simulated
/// kubelet). It watches through <see cref="ClusterClient.WatchAsync"/> and writes through the client until cancelled.
/// </summary>
public interface IController
{
    /// <summary>Short name for logs and events ("deployment-controller").</summary>
    string Name { get; }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled. An exception restarts it after a short pause.</summary>
    Task RunAsync(ClusterClient client, CancellationToken cancellationToken);
}
