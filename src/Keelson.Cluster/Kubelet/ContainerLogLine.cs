namespace Keelson.Cluster.Kubelet;

/// <summary>One line of a simulated container's log and when it was "written".</summary>
internal sealed record ContainerLogLine(DateTimeOffset Time, string Text);
