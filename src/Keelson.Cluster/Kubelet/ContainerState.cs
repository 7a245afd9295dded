namespace Keelson.Cluster.Kubelet;

/// <summary>Where a simulated container is in its life, as the kubelet reports it in containerStatuses.</summary>
internal enum ContainerState
{
    /// <summary>Waiting for the init containers (waiting reason PodInitializing).</summary>
    Initializing,

    /// <summary>Sandbox and image pull under way (waiting reason ContainerCreating).</summary>
    Creating,

    /// <summary>The last pull failed (waiting reason ErrImagePull or ErrImageNeverPull).</summary>
    PullFailed,

    /// <summary>Waiting out a pull back-off (waiting reason ImagePullBackOff).</summary>
    PullBackOff,

    Running,

    /// <summary>Exited and waiting out a restart back-off (waiting reason CrashLoopBackOff).</summary>
    CrashBackOff,

    /// <summary>Exited for good (terminated; reason Completed or Error).</summary>
    Exited,
}
