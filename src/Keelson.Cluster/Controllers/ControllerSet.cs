using Keelson.Cluster.Kubelet;
using Keelson.Cluster.Controllers.Autoscaling;
using Keelson.Cluster.Controllers.Batch;

namespace Keelson.Cluster.Controllers;

/// <summary>The controllers an embedded cluster runs. One line per controller: add yours here.</summary>
internal static class ControllerSet
{
    public static IEnumerable<IController> Create(ClusterOptions options)
    {
        yield return new Scheduler();
        yield return new SimulatedKubelet(options.Simulation);
        yield return new JobController(options.Simulation);
        yield return new CronJobController(options.Simulation);
        yield return new HorizontalPodAutoscalerController(options.Simulation);
    }
}
