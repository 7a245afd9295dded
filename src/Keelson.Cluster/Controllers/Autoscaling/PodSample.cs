namespace Keelson.Cluster.Controllers.Autoscaling;

/// <summary>
/// One pod as the replica calculator sees it: whether it counts, its measured usage (null: no metrics yet) and its
/// request of the resource (null: a container declares none), in millicores or bytes.
/// </summary>
public sealed record PodSample(string Name, string Phase, bool Ready, bool Deleting, long? Usage, long? Request);
