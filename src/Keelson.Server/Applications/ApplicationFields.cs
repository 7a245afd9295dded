using System.Text.Json.Nodes;

namespace Keelson.Server.Applications;

/// <summary>
/// The <c>fields=</c> query of the application list, as Argo CD's gateway reads it: a comma list of
/// <c>items.&lt;path&gt;</c> entries (a leading <c>-</c> excludes them instead), matched against a fixed set of
/// Application fields. A selected field covers its descendants; absent values are left out.
/// </summary>
public sealed class ApplicationFields
{
    /// <summary>The fields a list may select, as Argo CD's forwarder names them.</summary>
    public static readonly string[] Selectable =
    [
        "metadata.name", "metadata.namespace", "metadata.annotations", "metadata.labels", "metadata.creationTimestamp",
        "metadata.deletionTimestamp", "spec", "spec.destination", "spec.project", "spec.source", "spec.sources",
        "spec.sourceHydrator", "spec.syncPolicy", "status.sourceHydrator", "status.summary", "status.sync.status",
        "status.sync.revision", "status.health", "status.operationState.startedAt", "status.operationState.finishedAt",
        "status.resources", "operation.sync", "status.operationState.phase", "status.operationState.operation.sync",
    ];

    private readonly (string[] Path, string[] From)[] _selected;

    private ApplicationFields((string[] Path, string[] From)[] selected) => _selected = selected;

    /// <summary>Null when the query selects nothing (the whole objects are sent).</summary>
    public static ApplicationFields? Parse(string? query)
    {
        if (string.IsNullOrEmpty(query)) return null;
        var exclude = query.StartsWith('-');
        var named = new HashSet<string>((exclude ? query[1..] : query).Split(','), StringComparer.Ordinal);
        // A list names its fields items.<path>; a watch, as Argo CD's UI asks for one, result.application.<path>.
        var chosen = Selectable.Where(f => (named.Contains("items." + f) || named.Contains("result.application." + f)) != exclude).ToHashSet(StringComparer.Ordinal);
        var selected = chosen
            .Where(f => !Ancestors(f).Any(chosen.Contains))
            .Order(StringComparer.Ordinal)
            .Select(f => (f.Split('.'), Source(f).Split('.')))
            .ToArray();
        return new ApplicationFields(selected);
    }

    /// <summary>The selected fields of one Application, nested as in the object.</summary>
    public JsonObject Project(JsonObject app)
    {
        var result = new JsonObject();
        foreach (var (path, from) in _selected)
        {
            JsonNode? value = app;
            foreach (var part in from) value = (value as JsonObject)?[part];
            if (value is null) continue;
            if (value is JsonArray { Count: 0 } && path[^1] == "resources") continue;
            var target = result;
            for (var i = 0; i < path.Length - 1; i++)
            {
                if (target[path[i]] is not JsonObject child)
                {
                    child = new JsonObject();
                    target[path[i]] = child;
                }
                target = child;
            }
            target[path[^1]] = value.DeepClone();
        }
        return result;
    }

    private static IEnumerable<string> Ancestors(string field)
    {
        for (var i = field.IndexOf('.'); i > 0; i = field.IndexOf('.', i + 1)) yield return field[..i];
    }

    /// <summary>Where a selectable field's value comes from: Argo fills operationState.operation.sync from the sync result.</summary>
    private static string Source(string field) => field == "status.operationState.operation.sync" ? "status.operationState.syncResult" : field;
}
