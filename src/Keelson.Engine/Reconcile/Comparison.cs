using Keelson.Engine.Customizations;
using Keelson.Engine.Diff;
using Keelson.Engine.Health;

namespace Keelson.Engine.Reconcile;

/// <summary>The result of comparing an Application's manifests at a revision with its destination.</summary>
public sealed class Comparison
{
    public required string Revision { get; init; }

    public required string SourceType { get; init; }

    public List<ManagedResource> Resources { get; } = [];

    /// <summary>Objects that could not be compared, each message naming the object (a ComparisonError).</summary>
    public List<string> Errors { get; } = [];

    public List<string> Warnings { get; } = [];

    /// <summary>Objects left out because argocd-cm's resource.exclusions/inclusions exclude their kind (an ExcludedResourceWarning each).</summary>
    public List<string> Excluded { get; } = [];

    public IEnumerable<ManagedResource> Compared => Resources.Where(r => !r.IsHook);

    /// <summary>The ignore rules the comparison used: the Application's ignoreDifferences, then argocd-cm's.</summary>
    public IReadOnlyList<IgnoreDifference> IgnoreRules { get; internal set; } = [];

    internal ResourceCustomizations Customizations { get; set; } = ResourceCustomizations.None;

    /// <summary>
    /// One object's difference as this comparison judged it: argocd-cm's knownTypeFields normalised on both sides,
    /// then <see cref="IgnoreRules"/> (see <see cref="ResourceDiff.Compare"/>, whose exceptions it throws). Status is
    /// compared unless compareoptions leave it out of every kind (the default); when they leave it out of CRDs only,
    /// the ignore rules do that.
    /// </summary>
    public DiffResult Diff(System.Text.Json.Nodes.JsonObject? target, System.Text.Json.Nodes.JsonObject? live) =>
        ResourceDiff.Compare(target is null ? null : Customizations.NormalizeKnownTypes(target), live is null ? null : Customizations.NormalizeKnownTypes(live), IgnoreRules,
            compareStatus: ComparesStatus);

    /// <summary>Whether argocd-cm's compareoptions have status compared for some kinds (ignoreResourceStatusField crd or none).</summary>
    internal bool ComparesStatus => Customizations.Overrides.CompareOptions.StatusIgnoredFor != "*/*";

    public bool IsSynced => Errors.Count == 0 && Compared.All(r => !r.Modified && !r.RequiresPruning);

    public string SyncStatus => Errors.Count > 0 ? "Unknown" : IsSynced ? "Synced" : "OutOfSync";

    /// <summary>
    /// The app's health: the worst of its resources' (objects to prune left out). A child Application that is Missing
    /// or Unknown does not count (as Argo CD 3): a parent waits on the children that run, not on one awaiting a manual sync.
    /// </summary>
    public HealthStatus Health =>
        HealthRules.Aggregate(Compared.Where(r => !r.RequiresPruning && !IsIdleChild(r)).Select(r => r.Health?.Status).OfType<HealthStatus>());

    private static bool IsIdleChild(ManagedResource r) =>
        r.Id.Group == "argoproj.io" && r.Id.Kind == "Application" && r.Health?.Status is HealthStatus.Missing or HealthStatus.Unknown;

    /// <summary>The images of the live (or desired) workloads, for status.summary.images.</summary>
    public IReadOnlyList<string> Images()
    {
        var images = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in Compared)
        {
            var obj = r.Live ?? r.Desired;
            if (obj is null) continue;
            Collect(obj, images);
        }
        return images.ToList();
    }

    private static void Collect(System.Text.Json.Nodes.JsonNode? node, SortedSet<string> images)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key is "containers" or "initContainers" && value is System.Text.Json.Nodes.JsonArray list)
                    {
                        foreach (var c in list.OfType<System.Text.Json.Nodes.JsonObject>())
                            if (c["image"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var image)) images.Add(image);
                    }
                    else if (key != "status") Collect(value, images);
                }
                break;
            case System.Text.Json.Nodes.JsonArray a:
                foreach (var item in a) Collect(item, images);
                break;
        }
    }
}
