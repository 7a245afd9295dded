namespace Keelson.Cluster.Controllers.Autoscaling;

/// <summary>
/// What one metric asks for: the replica count, the utilization seen (percent of request, for Utilization targets)
/// and the average usage per pod; or an error saying why no count could be computed.
/// </summary>
public sealed record ReplicaProposal(int Replicas, int Utilization, long AverageUsage, string? Error = null)
{
    public static ReplicaProposal Failed(string error) => new(-1, 0, 0, error);
}
