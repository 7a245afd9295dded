using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Controllers.Informers;
using Keelson.Resources;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers.Volumes;

/// <summary>
/// Dynamic provisioning and binding of PersistentVolumeClaims, as the persistentvolume controller and an external
/// provisioner do together. At start it creates the default StorageClass <c>standard</c> (provisioner
/// <c>keelson.dev/local</c>, volumeBindingMode Immediate). A claim without storageClassName gets the default class
/// (Kubernetes' retroactive default StorageClass assignment, done here instead of in admission so the API needs no
/// hook); a claim of a class with the local provisioner gets a PersistentVolume <c>pvc-&lt;claim uid&gt;</c> (a
/// hostPath that is never created: no containers run) and both become Bound. A claim's deletion deletes its volume
/// (reclaimPolicy Delete) or marks it Released (Retain). Claims of other classes, or of class "", stay Pending: static
/// volumes are not matched.
/// </summary>
internal sealed partial class VolumeController(SharedInformers informers, ILogger logger) : QueueController(informers, logger)
{
    public const string Component = "persistentvolume-controller";
    public const string DefaultClassName = "standard";

    private Informer _claims = null!;
    private Informer _volumes = null!;

    public override string Name => Component;

    private ResourceType ClaimType => _claims.Type;

    private ResourceType VolumeType => _volumes.Type;

    private ResourceType ClassType => Client.Type("storage.k8s.io", "v1", "storageclasses");

    protected override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (Client.Get(ClassType, null, DefaultClassName) is not null) return;
        var standard = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = DefaultClassName,
                ["annotations"] = new JsonObject { [WorkloadKeys.DefaultStorageClass] = "true" },
            },
            ["provisioner"] = WorkloadKeys.LocalProvisioner,
            ["reclaimPolicy"] = "Delete",
            ["volumeBindingMode"] = "Immediate",
            ["allowVolumeExpansion"] = true,
        };
        try
        {
            await Client.CreateAsync(ClassType, standard, Component, cancellationToken);
        }
        catch (ApiException ex) when (ex.Code == 409)
        {
            // Created meanwhile.
        }
    }

    protected override IReadOnlyList<Informer> Start()
    {
        _claims = SharedInformer("", "v1", "persistentvolumeclaims");
        _volumes = SharedInformer("", "v1", "persistentvolumes");
        _claims.OnChange(Name, (before, after) =>
        {
            var claim = after ?? before!;
            Queue.Add(WorkQueue.Key(claim.GetNamespace(), claim.GetName()!));
            if (after is null && claim.GetPath("spec", "volumeName")?.ToString() is { Length: > 0 } volume) Queue.Add(volume);
        });
        _volumes.OnChange(Name, (before, after) => Queue.Add((after ?? before!).GetName()!));
        return [_claims, _volumes];
    }

    protected override Task SyncAsync(string? ns, string name, CancellationToken cancellationToken) =>
        ns is null ? SyncVolumeAsync(name, cancellationToken) : SyncClaimAsync(ns, name, cancellationToken);

    private async Task SyncClaimAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var claim = _claims.Get(ns, name);
        if (claim is null || claim.GetPath("metadata", "deletionTimestamp") is not null) return;
        if (claim.GetPath("status", "phase")?.ToString() == "Bound") return;
        if (claim.GetPath("spec", "storageClassName") is null)
        {
            if (DefaultClass() is { } defaultClass)
            {
                await Client.MutateAsync(ClaimType, ns, name, c =>
                {
                    if (c.GetPath("spec", "storageClassName") is not null) return false;
                    c.EnsureObject("spec")["storageClassName"] = defaultClass.GetName();
                    return true;
                }, cancellationToken);
            }
            return;
        }
        var className = claim.GetPath("spec", "storageClassName")!.ToString();
        var storageClass = className.Length == 0 ? null : Client.Get(ClassType, null, className);
        if (storageClass?.GetString("provisioner") != WorkloadKeys.LocalProvisioner) return;

        var volumeName = $"pvc-{claim.GetUid()}";
        var volume = _volumes.Get(null, volumeName) ?? await ProvisionAsync(claim, storageClass, volumeName, cancellationToken);
        if (volume.GetPath("status", "phase")?.ToString() != "Bound")
        {
            var bound = (JsonObject)volume.DeepClone();
            bound["status"] = new JsonObject { ["phase"] = "Bound" };
            _volumes.Upsert(await Client.UpdateStatusAsync(VolumeType, bound, Component, cancellationToken));
        }
        await BindClaimAsync(claim, volume, cancellationToken);
    }

    private async Task<JsonObject> ProvisionAsync(JsonObject claim, JsonObject storageClass, string volumeName, CancellationToken cancellationToken)
    {
        var storage = claim.GetPath("spec", "resources", "requests", "storage")?.DeepClone() ?? JsonValue.Create("1Gi");
        var volume = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = volumeName,
                ["annotations"] = new JsonObject { [WorkloadKeys.ProvisionedBy] = WorkloadKeys.LocalProvisioner },
            },
            ["spec"] = new JsonObject
            {
                ["capacity"] = new JsonObject { ["storage"] = storage },
                ["accessModes"] = claim.GetPath("spec", "accessModes")?.DeepClone() ?? new JsonArray("ReadWriteOnce"),
                ["persistentVolumeReclaimPolicy"] = storageClass.GetString("reclaimPolicy") ?? "Delete",
                ["storageClassName"] = storageClass.GetName(),
                ["volumeMode"] = claim.GetPath("spec", "volumeMode")?.DeepClone() ?? "Filesystem",
                ["hostPath"] = new JsonObject { ["path"] = $"/var/lib/keelson/volumes/{volumeName}", ["type"] = "DirectoryOrCreate" },
                ["claimRef"] = new JsonObject
                {
                    ["kind"] = "PersistentVolumeClaim",
                    ["namespace"] = claim.GetNamespace(),
                    ["name"] = claim.GetName(),
                    ["uid"] = claim.GetUid(),
                    ["apiVersion"] = "v1",
                    ["resourceVersion"] = claim.GetResourceVersion(),
                },
            },
        };
        JsonObject? created;
        try
        {
            created = await Client.CreateAsync(VolumeType, volume, Component, cancellationToken);
        }
        catch (ApiException ex) when (ex.Code == 409)
        {
            created = Client.Get(VolumeType, null, volumeName);
            if (created is null) throw;
        }
        _volumes.Upsert(created);
        await Client.Events.RecordAsync(claim, "Normal", "ProvisioningSucceeded",
            $"Successfully provisioned volume {volumeName} using {WorkloadKeys.LocalProvisioner}", Component, cancellationToken);
        return created;
    }

    private async Task BindClaimAsync(JsonObject claim, JsonObject volume, CancellationToken cancellationToken)
    {
        var ns = claim.GetNamespace();
        var name = claim.GetName()!;
        await Client.MutateAsync(ClaimType, ns, name, c =>
        {
            if (c.GetPath("spec", "volumeName")?.ToString() == volume.GetName()) return false;
            c.EnsureObject("spec")["volumeName"] = volume.GetName();
            c.SetAnnotation(WorkloadKeys.BindCompleted, "yes");
            c.SetAnnotation(WorkloadKeys.BoundByController, "yes");
            c.SetAnnotation(WorkloadKeys.StorageProvisioner, WorkloadKeys.LocalProvisioner);
            c.SetAnnotation(WorkloadKeys.BetaStorageProvisioner, WorkloadKeys.LocalProvisioner);
            return true;
        }, cancellationToken);
        var current = Client.Get(ClaimType, ns, name);
        if (current is null || current.GetPath("status", "phase")?.ToString() == "Bound") return;
        current["status"] = new JsonObject
        {
            ["phase"] = "Bound",
            ["accessModes"] = volume.GetPath("spec", "accessModes")?.DeepClone(),
            ["capacity"] = volume.GetPath("spec", "capacity")?.DeepClone(),
        };
        _claims.Upsert(await Client.UpdateStatusAsync(ClaimType, current, Component, cancellationToken));
    }

    /// <summary>A volume whose claim is gone is deleted (reclaimPolicy Delete) or Released (Retain).</summary>
    private async Task SyncVolumeAsync(string name, CancellationToken cancellationToken)
    {
        var volume = _volumes.Get(null, name);
        if (volume?.GetPath("spec", "claimRef") is not JsonObject claimRef) return;
        var claim = _claims.Get(claimRef.GetString("namespace"), claimRef.GetString("name") ?? "");
        if (claim is not null && claim.GetUid() == claimRef.GetString("uid")) return;
        if (claim is null && Client.Get(ClaimType, claimRef.GetString("namespace"), claimRef.GetString("name") ?? "") is { } live && live.GetUid() == claimRef.GetString("uid")) return;
        if (volume.GetPath("spec", "persistentVolumeReclaimPolicy")?.ToString() == "Delete")
        {
            _volumes.Forget(volume);
            await Client.DeleteAsync(VolumeType, null, name, cancellationToken: cancellationToken);
        }
        else if (volume.GetPath("status", "phase")?.ToString() != "Released")
        {
            var released = (JsonObject)volume.DeepClone();
            released["status"] = new JsonObject { ["phase"] = "Released" };
            _volumes.Upsert(await Client.UpdateStatusAsync(VolumeType, released, Component, cancellationToken));
        }
    }

    private JsonObject? DefaultClass() =>
        Client.List(ClassType).FirstOrDefault(c => c.GetAnnotations().TryGetValue(WorkloadKeys.DefaultStorageClass, out var v) && v == "true");
}
