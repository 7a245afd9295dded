using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Engine.Diff;
using Keelson.Engine.Health;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Engine.Source;
using Keelson.Engine.Sync;
using Keelson.Git;
using Keelson.Resources;

namespace Keelson.Engine.Reconcile;

public sealed partial class ApplicationReconciler
{
    /// <summary>
    /// Renders the source at <paramref name="revision"/> and compares every object with the destination. Returns
    /// null (with a condition set) when the manifests cannot be produced or checked at all.
    /// </summary>
    private async Task<Comparison?> CompareAsync(Application app, AppState state, ApplicationSource source, ResolvedRevision revision,
        RegisteredCluster cluster, AppProject project, StatusWriter status, CancellationToken cancellationToken)
    {
        RenderedSource rendered;
        try
        {
            rendered = Render(source, revision.CommitSha);
        }
        catch (Exception ex) when (ex is RenderException or GitException)
        {
            status.SetCondition("ComparisonError", $"Failed to load target state: failed to generate manifest for source 1 of 1: {ex.Message}");
            status.SetSyncUnknown(revision.CommitSha, source, app.Spec);
            return null;
        }
        var comparison = new Comparison { Revision = revision.CommitSha, SourceType = rendered.SourceType };
        var customizations = Customizations();
        var client = cluster.Client;
        var destinationNs = app.Spec.Destination.Namespace ?? "";
        var definedHere = rendered.Objects.Where(o => o.GetKind() == "CustomResourceDefinition")
            .Select(o => (Group: o.GetPath("spec", "group")?.ToString() ?? "", Kind: o.GetPath("spec", "names", "kind")?.ToString() ?? ""))
            .ToHashSet();
        var forbidden = new List<string>();
        var seen = new HashSet<ResourceId>();
        var where = string.IsNullOrEmpty(source.Path) ? source.RepoUrl : source.Path;
        for (var i = 0; i < rendered.Objects.Count; i++)
        {
            var obj = rendered.Objects[i];
            var apiVersion = obj.GetApiVersion();
            var kind = obj.GetKind();
            var name = obj.GetName();
            if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(name))
            {
                comparison.Errors.Add($"{where}: object #{i + 1} ({kind ?? "no kind"}/{name ?? "no name"}) has no {(string.IsNullOrEmpty(apiVersion) ? "apiVersion" : string.IsNullOrEmpty(kind) ? "kind" : "metadata.name")}");
                continue;
            }
            var hookValue = obj.GetAnnotations().GetValueOrDefault(ArgoAnnotations.Hook);
            if (hookValue is not null && hookValue.Split(',').Any(h => h.Trim() == "Skip")) continue;
            var gv = GroupVersion.Parse(apiVersion);
            // argocd-cm's resource.exclusions/inclusions: such objects are neither compared nor synced, as in Argo CD.
            if (customizations.Overrides.Filter.IsExcluded(gv.Group, kind, cluster.Server))
            {
                comparison.Excluded.Add($"Resource {gv.Group}/{kind} {name} is excluded in the settings");
                continue;
            }
            var type = await client.FindAsync(apiVersion, kind, cancellationToken);
            if (type is null && !definedHere.Contains((gv.Group, kind)))
            {
                comparison.Errors.Add($"{where}: {kind}/{name}: the cluster {cluster.Name} does not serve kind {kind} in {apiVersion} (unknown kind; is its CRD installed?)");
                continue;
            }
            if (type is not null && Permitted(project, type) is { } refusal)
            {
                forbidden.Add($"{kind}/{name}: {refusal}");
                continue;
            }
            var desired = (JsonObject)obj.DeepClone();
            if (type is { Namespaced: false }) desired.SetNamespace(null);
            else if (string.IsNullOrEmpty(desired.GetNamespace()) && destinationNs.Length > 0) desired.SetNamespace(destinationNs);
            var id = ResourceId.Of(desired);
            desired.SetAnnotation(ArgoAnnotations.TrackingId, id.TrackingId(app.Name));
            var annotations = desired.GetAnnotations();
            var wave = 0;
            if (annotations.TryGetValue(ArgoAnnotations.SyncWave, out var waveText) && !int.TryParse(waveText, NumberStyles.Integer, CultureInfo.InvariantCulture, out wave))
            {
                comparison.Errors.Add($"{where}: {id}: metadata.annotations[{ArgoAnnotations.SyncWave}]: '{waveText}' is not an integer");
                continue;
            }
            SyncPhase? hookPhase = null;
            if (hookValue is not null)
            {
                var first = hookValue.Split(',', StringSplitOptions.TrimEntries)[0];
                if (!Enum.TryParse<SyncPhase>(first, out var phase))
                {
                    comparison.Errors.Add($"{where}: {id}: metadata.annotations[{ArgoAnnotations.Hook}]: '{hookValue}' is not a hook type (PreSync, Sync, PostSync, SyncFail, Skip)");
                    continue;
                }
                hookPhase = phase;
            }
            if (!seen.Add(id) && hookPhase is null)
            {
                comparison.Warnings.Add($"Resource {id} appeared more than once");
                comparison.Resources.RemoveAll(r => r.Id == id && !r.IsHook);
            }
            comparison.Resources.Add(new ManagedResource
            {
                Id = id,
                Type = type,
                Version = gv.Version,
                Desired = desired,
                HookPhase = hookPhase,
                Wave = wave,
                Options = SyncOptionSet.FromAnnotation(annotations.GetValueOrDefault(ArgoAnnotations.SyncOptions)),
            });
        }
        if (forbidden.Count > 0)
        {
            status.SetCondition("InvalidSpecError", string.Join("; ", forbidden));
            status.SetSyncUnknown(revision.CommitSha, source, app.Spec);
            return null;
        }

        // Namespaces this sync will create: objects in them cannot be dry-run until then.
        var pendingNamespaces = SyncRunner.NamespacesCreated(comparison.Resources, new SyncOptionSet(app.Spec.SyncPolicy?.SyncOptions), destinationNs);
        comparison.IgnoreRules = IgnoreRules(app.Spec, customizations);
        comparison.Customizations = customizations;
        var live = _liveCache(cluster);
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(comparison.Resources.Where(r => !r.IsHook), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (r, ct) =>
        {
            if (r.Type is null)
            {
                // Its CRD comes with this sync: nothing to dry-run against yet.
                r.SkipDryRun = true;
                r.Modified = true;
                r.Health = new HealthResult(HealthStatus.Missing);
                return;
            }
            await live.EnsureWatchedAsync(r.Type, ct);
            r.Live = live.Get(r.Type, r.Id);
            if (r.Live is not null && r.Live.GetAnnotations().TryGetValue(ArgoAnnotations.TrackingId, out var owner) && !owner.StartsWith(app.Name + ":", StringComparison.Ordinal))
                comparison.Warnings.Add($"{r.Id} is part of applications {app.Name} and {owner[..owner.IndexOf(':')]}");
            // argocd-cm's rules are part of what was compared: new customizations mean a new comparison.
            var desiredHash = Fingerprint(r.Desired!) + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(customizations).ToString(CultureInfo.InvariantCulture);
            var liveHash = r.Live is null ? null : Fingerprint(r.Live, stripServerState: true, keepStatus: comparison.ComparesStatus);
            if (state.DryRuns.TryGetValue(r.Id, out var cached) && cached.DesiredHash == desiredHash && cached.LiveHash == liveHash)
            {
                // Nothing that could change the outcome changed since the last dry run (a status update, typically).
                r.Modified = cached.Modified;
            }
            else
            {
                JsonObject predicted;
                try
                {
                    predicted = await client.ApplyAsync(r.Type, r.Desired!, ArgoAnnotations.FieldManager, force: true, dryRun: true, cancellationToken: ct);
                }
                catch (KubeApiException ex) when (ex.IsNotFound && r.Live is null && pendingNamespaces.Contains(r.Id.Namespace))
                {
                    r.SkipDryRun = true;
                    r.Modified = true;
                    r.Health = new HealthResult(HealthStatus.Missing);
                    return;
                }
                catch (KubeApiException ex)
                {
                    errors.Add($"{where}: {r.Id}: the server refused the manifest ({ex.Reason}): {ex.Message}");
                    return;
                }
                r.Predicted = predicted;
                try
                {
                    r.Modified = r.Live is null || comparison.Diff(predicted, r.Live).Modified;
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
                {
                    errors.Add($"{r.Id}: ignoreDifferences: {ex.Message}");
                    return;
                }
                state.DryRuns[r.Id] = new DryRunResult(desiredHash, liveHash, r.Modified);
            }
            r.Health = r.Live is null ? new HealthResult(HealthStatus.Missing) : HealthRules.Assess(r.Live, customizations);
        });
        comparison.Errors.AddRange(errors.Order(StringComparer.Ordinal));

        // Objects this Application deployed before that Git no longer has: prune candidates, if they are still ours.
        foreach (var previous in app.Status.Resources ?? [])
        {
            var id = new ResourceId(previous.Group, previous.Kind, previous.Namespace ?? "", previous.Name);
            if (seen.Contains(id) || previous.Hook == true) continue;
            // An excluded kind is left alone: never pruned because the settings now exclude it.
            if (customizations.Overrides.Filter.IsExcluded(previous.Group, previous.Kind, cluster.Server)) continue;
            var apiVersion = previous.Group.Length == 0 ? previous.Version : $"{previous.Group}/{previous.Version}";
            var type = await client.FindAsync(apiVersion, previous.Kind, cancellationToken) ?? await client.FindPreferredAsync(previous.Group, previous.Kind, cancellationToken);
            if (type is null) continue;
            await live.EnsureWatchedAsync(type, cancellationToken);
            var current = live.Get(type, id);
            if (current is null || current.GetAnnotations().GetValueOrDefault(ArgoAnnotations.TrackingId) != id.TrackingId(app.Name)) continue;
            comparison.Resources.Add(new ManagedResource
            {
                Id = id,
                Type = type,
                Version = type.Version,
                Live = current,
                Modified = true,
                RequiresPruning = true,
                Health = HealthRules.Assess(current, customizations),
                Wave = int.TryParse(current.GetAnnotations().GetValueOrDefault(ArgoAnnotations.SyncWave), out var w) ? w : 0,
            });
        }
        return comparison;
    }

    /// <summary>
    /// A hash of an object's JSON; with <paramref name="stripServerState"/>, of the object without resourceVersion,
    /// managedFields and (unless <paramref name="keepStatus"/>: compareoptions compare it) status.
    /// </summary>
    private static string Fingerprint(JsonObject obj, bool stripServerState = false, bool keepStatus = false)
    {
        if (stripServerState)
        {
            obj = (JsonObject)obj.DeepClone();
            if (!keepStatus) obj.Remove("status");
            obj.GetMetadata()?.Remove("resourceVersion");
            obj.GetMetadata()?.Remove("managedFields");
        }
        var text = obj.ToJsonString();
        return Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    // The Application's own rules, then argocd-cm's per kind (resource.customizations.ignoreDifferences.*).
    private static IReadOnlyList<IgnoreDifference> IgnoreRules(ApplicationSpec spec, ResourceCustomizations customizations) =>
        [.. (spec.IgnoreDifferences ?? []).Select(d => new IgnoreDifference(d.Group, d.Kind, d.Name, d.Namespace,
            d.JsonPointers ?? [], d.JqPathExpressions ?? [], d.ManagedFieldsManagers ?? [])), .. customizations.Overrides.IgnoreRules()];
}
