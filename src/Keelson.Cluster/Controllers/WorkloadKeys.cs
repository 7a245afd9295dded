namespace Keelson.Cluster.Controllers;

/// <summary>Label and annotation keys the workload controllers read and write, spelled as Kubernetes spells them.</summary>
internal static class WorkloadKeys
{
    public const string PodTemplateHash = "pod-template-hash";
    public const string ControllerRevisionHash = "controller-revision-hash";
    public const string StatefulSetPodName = "statefulset.kubernetes.io/pod-name";
    public const string PodIndex = "apps.kubernetes.io/pod-index";
    public const string DaemonSetTemplateGeneration = "pod-template-generation";

    public const string Revision = "deployment.kubernetes.io/revision";
    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";
    public const string ChangeCause = "kubernetes.io/change-cause";
    public const string LastAppliedConfiguration = "kubectl.kubernetes.io/last-applied-configuration";

    public const string ServiceName = "kubernetes.io/service-name";
    public const string ManagedBy = "endpointslice.kubernetes.io/managed-by";
    public const string EndpointSliceControllerName = "endpointslice-controller.k8s.io";
    public const string Headless = "service.kubernetes.io/headless";

    public const string DefaultStorageClass = "storageclass.kubernetes.io/is-default-class";
    public const string ProvisionedBy = "pv.kubernetes.io/provisioned-by";
    public const string BindCompleted = "pv.kubernetes.io/bind-completed";
    public const string BoundByController = "pv.kubernetes.io/bound-by-controller";
    public const string StorageProvisioner = "volume.kubernetes.io/storage-provisioner";
    public const string BetaStorageProvisioner = "volume.beta.kubernetes.io/storage-provisioner";

    /// <summary>The provisioner of the built-in StorageClass <c>standard</c>.</summary>
    public const string LocalProvisioner = "keelson.dev/local";
}
