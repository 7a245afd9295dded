using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Resources;

namespace Keelson.Server.Applications.Actions;

/// <summary>
/// A CronJob's <c>create-job</c>, as <c>kubectl create job --from=cronjob/NAME</c>: a Job from the job template, named
/// after the CronJob and the minute (<c>NAME-yyMMddHHmm</c>), owned by the CronJob and annotated
/// <c>cronjob.kubernetes.io/instantiate: manual</c>.
/// </summary>
public sealed class CronJobCreateJobAction : IResourceAction
{
    public string Name => "create-job";

    public string? IconClass => "fa fa-fw fa-plus";

    public string? DisplayName => "Create Job";

    public bool AppliesTo(string group, string kind) => group == "batch" && kind == "CronJob";

    public bool IsDisabled(JsonObject live) => false;

    public IReadOnlyList<ImpactedResource> Run(JsonObject live, DateTimeOffset now)
    {
        var name = live.GetName() ?? "";
        var metadata = live.GetPath("spec", "jobTemplate", "metadata")?.DeepClone() as JsonObject ?? [];
        metadata["name"] = $"{name}-{now.UtcDateTime.ToString("yyMMddHHmm", CultureInfo.InvariantCulture)}";
        metadata["namespace"] = live.GetNamespace();
        RestartAction.Child(metadata, "annotations")["cronjob.kubernetes.io/instantiate"] = "manual";
        metadata["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = live.GetApiVersion(),
            ["kind"] = live.GetKind(),
            ["name"] = name,
            ["uid"] = live.GetPath("metadata", "uid")?.DeepClone(),
            ["blockOwnerDeletion"] = true,
            ["controller"] = true,
        });
        var job = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = metadata,
            ["spec"] = live.GetPath("spec", "jobTemplate", "spec")?.DeepClone() ?? new JsonObject(),
        };
        return [new ImpactedResource(ImpactedOperation.Create, job)];
    }
}
