using Keelson.Cluster.Controllers.DaemonSets;
using Keelson.Cluster.Controllers.Deployments;
using Keelson.Cluster.Controllers.Endpoints;
using Keelson.Cluster.Controllers.LoadBalancers;
using Keelson.Cluster.Controllers.ReplicaSets;
using Keelson.Cluster.Controllers.StatefulSets;
using Keelson.Cluster.Controllers.Volumes;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers;

/// <summary>The controllers an embedded cluster runs. One line per controller: add yours here.</summary>
internal static class ControllerSet
{
    public static IEnumerable<IController> Create(ClusterOptions options, ILoggerFactory loggers)
    {
        _ = options;
        yield return new DeploymentController(loggers.CreateLogger<DeploymentController>());
        yield return new ReplicaSetController(loggers.CreateLogger<ReplicaSetController>());
        yield return new VolumeController(loggers.CreateLogger<VolumeController>());
        yield return new StatefulSetController(loggers.CreateLogger<StatefulSetController>());
        yield return new DaemonSetController(loggers.CreateLogger<DaemonSetController>());
        yield return new EndpointsController(loggers.CreateLogger<EndpointsController>());
        yield return new ServiceLoadBalancerController(loggers.CreateLogger<ServiceLoadBalancerController>());
        yield return new IngressStatusController(loggers.CreateLogger<IngressStatusController>());
    }
}
