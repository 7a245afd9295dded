namespace Keelson.Cluster.Kubelet;

/// <summary>The pod annotations that steer the simulated kubelet (documented in Kubelet/README.md).</summary>
public static class SimulationAnnotations
{
    public const string Prefix = "sim.keelson.dev/";

    /// <summary>"true": every container exits with code 1 (or the exit-code annotation) after run-for and is restarted with back-off.</summary>
    public const string Crash = Prefix + "crash";

    /// <summary>A duration ("5s", "500ms", "2m"): the pod turns Ready this long after its containers started.</summary>
    public const string ReadyAfter = Prefix + "ready-after";

    /// <summary>"false": the pod's containers never turn ready.</summary>
    public const string Ready = Prefix + "ready";

    /// <summary>A duration: how long containers run before they exit (run-to-completion pods, crashing pods).</summary>
    public const string RunFor = Prefix + "run-for";

    /// <summary>The exit code containers end with ("0" by default; "1" for crashing pods).</summary>
    public const string ExitCode = Prefix + "exit-code";

    /// <summary>A duration overriding the cluster's pod start delay (ContainerCreating → Running).</summary>
    public const string StartDelay = Prefix + "start-delay";
}
