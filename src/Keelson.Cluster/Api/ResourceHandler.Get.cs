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
        var wantsTable = MediaTypes.WantsTable(context.Request.Headers.Accept);
        if (request.Subresource is null && !wantsTable)
        {
            // The hot path: no parse or re-encode for an object read again at the same revision.
            var json = registry.GetJson(request.Type, request.Namespace, request.Name!, CompactJson) ?? throw ApiErrors.NotFound(request.Type, request.Name!);
            context.Response.StatusCode = 200;
            context.Response.ContentType = MediaTypes.Json;
            context.Response.ContentLength = json.Length;
            await context.Response.Body.WriteAsync(json);
            return;
        }
        var obj = registry.Get(request.Type, request.Namespace, request.Name!) ?? throw ApiErrors.NotFound(request.Type, request.Name!);
        AsServed(request.Type, obj);
        if (request.Subresource == "scale")
        {
            await WriteJsonAsync(context, 200, ScaleOf(request.Type, obj));
            return;
        }
        if (wantsTable)
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
        var wantsTable = MediaTypes.WantsTable(context.Request.Headers.Accept);
        List<(Storage.StoredEntry Entry, byte[] Json)> items;
        long listRevision;
        try
        {
            (items, listRevision) = registry.ListJson(request.Type, request.Namespace, revision, CompactJson);
        }
        catch (Storage.RevisionCompactedException ex)
        {
            throw ApiErrors.Expired($"The resourceVersion for the provided list is too old. (requested {ex.Requested})");
        }
        var rv = listRevision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var filter = !labels.IsEverything || !fields.IsEverything;
        if (wantsTable)
        {
            var objects = items.Select(i => AsServed(request.Type, Keelson.Cluster.Registry.ObjectCodec.Decode(i.Entry)))
                .Where(o => !filter || Matches(request.Type, o, labels, fields)).ToList();
            await WriteJsonAsync(context, 200, TableConverter.ToTable(request.Type, objects, rv, time.GetUtcNow(), IncludeObject(context.Request)));
            return;
        }

        // Items are written from their cached encodings; only a selector needs them decoded.
        using var body = new MemoryStream();
        body.Write(System.Text.Encoding.UTF8.GetBytes($"{{\"kind\":\"{request.Type.ListKind}\",\"apiVersion\":\"{request.Type.ApiVersion}\",\"metadata\":{{\"resourceVersion\":\"{rv}\"}},\"items\":["));
        var first = true;
        foreach (var (entry, json) in items)
        {
            if (filter && !Matches(request.Type, Keelson.Cluster.Registry.ObjectCodec.Decode(entry), labels, fields)) continue;
            if (!first) body.WriteByte((byte)',');
            body.Write(json);
            first = false;
        }
        body.Write("]}"u8);
        context.Response.StatusCode = 200;
        context.Response.ContentType = MediaTypes.Json;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length));
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
