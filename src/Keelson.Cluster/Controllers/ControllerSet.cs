using Keelson.Cluster.Controllers.Autoscaling;
using Keelson.Cluster.Controllers.Batch;
using Keelson.Cluster.Controllers.DaemonSets;
using Keelson.Cluster.Controllers.Deployments;
using Keelson.Cluster.Controllers.Endpoints;
using Keelson.Cluster.Controllers.Informers;
using Keelson.Cluster.Controllers.LoadBalancers;
using Keelson.Cluster.Controllers.ReplicaSets;
using Keelson.Cluster.Controllers.StatefulSets;
using Keelson.Cluster.Controllers.Volumes;
using Keelson.Cluster.Kubelet;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers;

/// <summary>The controllers an embedded cluster runs. One line per controller: add yours here.</summary>
internal static class ControllerSet
{
    public static IEnumerable<IController> Create(ClusterOptions options, ILoggerFactory loggers)
    {
        var informers = new SharedInformers();
        yield return new DeploymentController(informers, loggers.CreateLogger<DeploymentController>());
        yield return new ReplicaSetController(informers, loggers.CreateLogger<ReplicaSetController>());
        yield return new VolumeController(informers, loggers.CreateLogger<VolumeController>());
        yield return new StatefulSetController(informers, loggers.CreateLogger<StatefulSetController>());
        yield return new DaemonSetController(informers, loggers.CreateLogger<DaemonSetController>());
        yield return new EndpointsController(informers, loggers.CreateLogger<EndpointsController>());
        yield return new ServiceLoadBalancerController(informers, loggers.CreateLogger<ServiceLoadBalancerController>());
        yield return new IngressStatusController(informers, loggers.CreateLogger<IngressStatusController>());
        yield return new Scheduler();
        yield return new SimulatedKubelet(options.Simulation);
        yield return new JobController(options.Simulation);
        yield return new CronJobController(options.Simulation);
        yield return new HorizontalPodAutoscalerController(options.Simulation);
    }
}
