using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;
using Keelson.Resources.Selection;
using Microsoft.AspNetCore.Http;

namespace Keelson.Cluster.Api;

internal sealed partial class ResourceHandler
{
    private async Task GetAsync(HttpContext context, ResourceRequest request)
    {
        RequireNamespace(request);
        var obj = registry.Get(request.Type, request.Namespace, request.Name!) ?? throw ApiErrors.NotFound(request.Type, request.Name!);
        AsServed(request.Type, obj);
        if (request.Subresource == "scale")
        {
            await WriteJsonAsync(context, 200, ScaleOf(request.Type, obj));
            return;
        }
        if (MediaTypes.WantsTable(context.Request.Headers.Accept))
        {
            var table = TableConverter.ToTable(request.Type, [obj], obj.GetResourceVersion() ?? "", time.GetUtcNow(), IncludeObject(context.Request));
            await WriteJsonAsync(context, 200, table);
            return;
        }
        await WriteJsonAsync(context, 200, obj);
    }

    private async Task ListAsync(HttpContext context, ResourceRequest request)
    {
        var (labels, fields) = Selectors(context.Request, request.Type);
        var revision = ListRevision(context.Request);
        List<JsonObject> items;
        long listRevision;
        try
        {
            (items, listRevision) = registry.List(request.Type, request.Namespace, revision);
        }
        catch (Storage.RevisionCompactedException ex)
        {
            throw ApiErrors.Expired($"The resourceVersion for the provided list is too old. (requested {ex.Requested})");
        }
        var selected = items.Where(o => Matches(request.Type, o, labels, fields)).Select(o => AsServed(request.Type, o)).ToList();
        var rv = listRevision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (MediaTypes.WantsTable(context.Request.Headers.Accept))
        {
            await WriteJsonAsync(context, 200, TableConverter.ToTable(request.Type, selected, rv, time.GetUtcNow(), IncludeObject(context.Request)));
            return;
        }
        var array = new JsonArray();
        foreach (var item in selected)
        {
            // List items carry no kind/apiVersion in a real apiserver's typed lists; keep them: clients accept both
            // and unstructured (custom resource) lists do carry them.
            array.Add(item);
        }
        var list = new JsonObject
        {
            ["kind"] = request.Type.ListKind,
            ["apiVersion"] = request.Type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv },
            ["items"] = array,
        };
        await WriteJsonAsync(context, 200, list);
    }

    /// <summary>resourceVersion on a list: "" and "0" read the latest state; a number reads at that revision ("NotOlderThan" reads latest too).</summary>
    private static long ListRevision(HttpRequest request)
    {
        var rv = request.Query["resourceVersion"].ToString();
        var match = request.Query["resourceVersionMatch"].ToString();
        if (rv.Length == 0 || rv == "0") return 0;
        if (!long.TryParse(rv, out var parsed) || parsed < 0) throw ApiErrors.BadRequest($"invalid resource version: {rv}");
        return match == "Exact" ? parsed : 0;
    }

    private static bool IncludeObject(HttpRequest request) => request.Query["includeObject"].ToString() != "None";

    private static (LabelSelector Labels, FieldSelector Fields) Selectors(HttpRequest request, ResourceType type)
    {
        LabelSelector labels;
        FieldSelector fields;
        try
        {
            labels = LabelSelector.Parse(request.Query["labelSelector"].ToString());
        }
        catch (SelectorException ex)
        {
            throw ApiErrors.BadRequest($"unable to parse requirement: {ex.Message}");
        }
        try
        {
            fields = FieldSelector.Parse(request.Query["fieldSelector"].ToString());
        }
        catch (SelectorException ex)
        {
            throw ApiErrors.BadRequest($"invalid field selector: {ex.Message}");
        }
        foreach (var field in fields.Fields)
        {
            if (!FieldSelectors.IsSupported(type, field))
            {
                throw ApiErrors.BadRequest($"field label not supported: {field}");
            }
        }
        return (labels, fields);
    }

    private static bool Matches(ResourceType type, JsonObject obj, LabelSelector labels, FieldSelector fields) =>
        (labels.IsEverything || labels.Matches(obj.GetLabels()))
        && (fields.IsEverything || fields.Matches(f => FieldSelectors.Value(type, obj, f)));
}
