using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keelson.Engine.Diff;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Engine.Reconcile;
using Keelson.Resources;
using Keelson.Resources.Patching;
using Keelson.Server.Http;
using Keelson.Server.Rbac;
using Keelson.Server.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Server.Applications;

/// <summary>
/// The read side of Argo CD's ApplicationService beyond get and list: managed resources with their diffs, rendered
/// manifests, events, revision metadata and sync windows. Each needs <c>applications, get</c> on the Application;
/// Secret data is masked (<see cref="SecretMasker"/>) in everything that shows an object.
/// </summary>
public static partial class ApplicationReadEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/applications").RequireCaller();
        group.MapGet("/{name}/managed-resources", ManagedResourcesAsync);
        group.MapGet("/{name}/manifests", ManifestsAsync);
        group.MapGet("/{name}/events", EventsAsync);
        group.MapGet("/{name}/revisions/{revision}/metadata", RevisionMetadataAsync);
        group.MapGet("/{name}/syncwindows", SyncWindowsAsync);
    }

    /// <summary>
    /// GET …/managed-resources: the engine's comparison of each managed object (hooks left out), at the revision the
    /// Application was last compared at. The states are JSON strings (<c>"null"</c> for a missing side), as Argo CD's
    /// UI parses them; <c>diff</c> is a JSON merge patch from the normalised live object to the predicted one.
    /// </summary>
    private static async Task<IResult> ManagedResourcesAsync(HttpContext context, string name, ApplicationCache cache, RbacService rbac, ServerOptions options,
        KubeClient control, ApplicationSources sources)
    {
        var (cached, denied) = Find(context, cache, rbac, options, name);
        if (cached is null) return denied!;
        var app = Application.Parse(cached.Object);
        var filter = ResourceFilter.From(context.Request.Query);
        var revision = app.Status.Sync?.Revision is { Length: > 0 } compared ? compared : null;
        var comparison = await ApplicationInspector.CompareAsync(control, app, sources.Git, revision, sources.Clusters, context.RequestAborted);
        if (comparison.Revision.Length == 0)
            return ArgoError.Result(GrpcCode.FailedPrecondition, $"cannot compare application {name}: {string.Join("; ", comparison.Errors)}");
        var items = new JsonArray();
        foreach (var r in comparison.Compared.Where(r => filter.Matches(r.Id.Group, r.Id.Kind, r.Id.Namespace, r.Id.Name)))
            items.Add(ManagedResource(r, comparison));
        var body = new JsonObject();
        // Go's omitempty: no items, no field.
        if (items.Count > 0) body["items"] = items;
        return ApplicationEndpoints.Json(body);
    }

    private static JsonObject ManagedResource(ManagedResource r, Comparison comparison)
    {
        var target = r.RequiresPruning ? null : r.Predicted ?? r.Desired;
        DiffResult compared;
        try
        {
            compared = comparison.Diff(target, r.Live);
        }
        catch (DiffException)
        {
            // A rule the engine could not apply is reported on the Application; show the objects as they are.
            compared = ResourceDiff.Compare(target, r.Live, []);
        }
        var (maskedDesired, maskedLive) = SecretMasker.Mask(r.Desired, r.Live);
        var (maskedPredicted, maskedNormalized) = SecretMasker.Mask(compared.NormalizedTarget, compared.NormalizedLive);
        var item = new JsonObject
        {
            ["group"] = r.Id.Group,
            ["kind"] = r.Id.Kind,
            ["namespace"] = r.Id.Namespace,
            ["name"] = r.Id.Name,
            ["targetState"] = State(maskedDesired),
            ["liveState"] = State(maskedLive),
            ["normalizedLiveState"] = State(maskedNormalized),
            ["predictedLiveState"] = State(maskedPredicted),
        };
        if (r.Modified || r.RequiresPruning)
        {
            // Null when the object is to be pruned (the patch deletes it whole).
            item["diff"] = MergePatch.Create(maskedNormalized, maskedPredicted)?.ToJsonString() ?? "null";
            item["modified"] = true;
        }
        if (r.Live?.GetResourceVersion() is { Length: > 0 } rv) item["resourceVersion"] = rv;
        foreach (var key in new[] { "group", "namespace" })
            if (item[key]?.GetValue<string>() is "") item.Remove(key);
        return item;
    }

    /// <summary>The Application the caller may <c>get</c>, after checking its name is one (<see cref="InvalidName"/>); otherwise the refusal.</summary>
    internal static (CachedApplication? App, IResult? Error) Find(HttpContext context, ApplicationCache cache, RbacService rbac, ServerOptions options, string name) =>
        InvalidName(name) is { } invalid ? (null, invalid) : ApplicationEndpoints.Authorize(context, cache, rbac, options, name, RbacAction.Get);

    private static string State(JsonObject? obj) => obj?.ToJsonString() ?? "null";

    /// <summary>
    /// A path parameter naming a Kubernetes object (Application, pod): a DNS subdomain. Anything else — a <c>/</c>,
    /// <c>..</c>, upper case — is refused with a 400 that says so, before any lookup.
    /// </summary>
    internal static IResult? InvalidName(string name, string what = "application name")
    {
        if (name.Length is > 0 and <= 253 && DnsSubdomain().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal)) return null;
        return ArgoError.InvalidArgument($"invalid {what} '{name}': must be a lowercase RFC 1123 subdomain (letters, digits, '-' and '.', no '/' or '..')");
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex DnsSubdomain();
}
