namespace Keelson.Cluster;

/// <summary>How to start an <see cref="EmbeddedCluster"/>.</summary>
public sealed class ClusterOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Directory for the SQLite database and the token. Ignored when <see cref="InMemory"/>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Keep state in memory only (tests, throwaway runs).</summary>
    public bool InMemory { get; init; }

    /// <summary>The bearer token clients must present; generated (and kept in the data directory) when null.</summary>
    public string? Token { get; init; }

    /// <summary>Revisions kept by automatic compaction; older ones answer 410 Expired.</summary>
    public long RetainedRevisions { get; init; } = 1000;

    /// <summary>
    /// Who runs the cluster, as the error names it when another process tries to open the same data directory
    /// ("data directory … is in use by `keelson up` (PID N)").
    /// </summary>
    public string Owner { get; init; } = "keelson cluster start";

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Simulated nodes, kubelet and workload behaviour.</summary>
    public SimulationOptions Simulation { get; init; } = new();

    /// <summary>The default data directory: ~/.keelson/cluster.</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keelson", "cluster");
}
