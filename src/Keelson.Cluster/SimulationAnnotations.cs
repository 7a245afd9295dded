namespace Keelson.Cluster;

/// <summary>
/// The pod-template annotations that steer the simulated kubelet and workloads (documented in Kubelet/README.md and
/// Metrics/README.md), and where live load set by `keelson cluster load` is kept.
/// </summary>
public static class SimulationAnnotations
{
    public const string Prefix = "sim.keelson.dev/";

    /// <summary>"true": every container exits with code 1 (or the exit-code annotation) after run-for and is restarted with back-off.</summary>
    public const string Crash = Prefix + "crash";

    /// <summary>A duration ("5s", "500ms", "2m"): the pod turns Ready this long after its containers started.</summary>
    public const string ReadyAfter = Prefix + "ready-after";

    /// <summary>"false": the pod's containers never turn ready.</summary>
    public const string Ready = Prefix + "ready";

    /// <summary>A duration overriding the cluster's pod start delay (ContainerCreating → Running).</summary>
    public const string StartDelay = Prefix + "start-delay";

    /// <summary>Exit code a Job pod ends with after <see cref="RunFor"/> ("0" succeeds, anything else fails).</summary>
    public const string ExitCode = "sim.keelson.dev/exit-code";

    /// <summary>How long a Job pod runs before it exits ("3s", "500ms").</summary>
    public const string RunFor = "sim.keelson.dev/run-for";

    /// <summary>CPU usage of each container as a percentage of its request ("85%").</summary>
    public const string Cpu = "sim.keelson.dev/cpu";

    /// <summary>Memory usage of each container as a percentage of its request ("60%").</summary>
    public const string Memory = "sim.keelson.dev/memory";

    /// <summary>
    /// The ConfigMap in kube-system that holds live load per Deployment (keys "&lt;namespace&gt;.&lt;deployment&gt;.cpu"
    /// and ".memory", values "90%"). It overrides the pod template annotations without touching the Deployment, so
    /// changing load neither rolls the pods nor shows as drift on a GitOps-managed object.
    /// </summary>
    public const string LoadConfigMap = "keelson-load";

    /// <summary>The namespace of <see cref="LoadConfigMap"/>.</summary>
    public const string LoadNamespace = "kube-system";
}
