namespace Keelson.Cluster.Metrics;

/// <summary>Simulated resource use of one container: CPU in millicores, memory in bytes; requests as declared (null when absent).</summary>
public sealed record ContainerUsage(string Name, long CpuMillis, long MemoryBytes, long? CpuRequestMillis, long? MemoryRequestBytes);
