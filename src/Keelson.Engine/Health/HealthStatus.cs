namespace Keelson.Engine.Health;

/// <summary>
/// The health of a resource or an Application, in Argo CD's order from best to worst: a later member is worse
/// than an earlier one (<see cref="HealthStatusExtensions.IsWorseThan"/>). Serialised with Argo CD's strings
/// (<see cref="HealthStatusExtensions.ToArgoString"/>).
/// </summary>
public enum HealthStatus
{
    /// <summary>The resource is doing what it should.</summary>
    Healthy,

    /// <summary>The resource is paused or suspended on purpose (a paused Deployment, a suspended Job or CronJob).</summary>
    Suspended,

    /// <summary>The resource is not healthy yet but may become so (a rollout in progress, a pending claim).</summary>
    Progressing,

    /// <summary>The resource is desired but does not exist in the cluster.</summary>
    Missing,

    /// <summary>The resource failed or cannot become healthy without a change.</summary>
    Degraded,

    /// <summary>The health could not be assessed.</summary>
    Unknown,
}
