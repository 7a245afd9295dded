using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Diff;

/// <summary>
/// One entry of an Application's <c>spec.ignoreDifferences</c>: which objects it applies to and which of their
/// fields are left out of the comparison.
/// </summary>
/// <param name="Group">API group; null or "" is the core group. <c>*</c> and <c>?</c> are wildcards, as in Argo CD.</param>
/// <param name="Kind">Kind, required; <c>*</c> and <c>?</c> are wildcards.</param>
/// <param name="Name">Exact object name, or null for any.</param>
/// <param name="Namespace">Exact namespace, or null for any.</param>
/// <param name="JsonPointers">RFC 6901 pointers of values to leave out (<c>/spec/replicas</c>, <c>/spec/template/spec/containers/0/image</c>).</param>
/// <param name="JqPathExpressions">jq paths of values to leave out; only the forms <see cref="JqPath"/> parses are supported.</param>
/// <param name="ManagedFieldsManagers">Field managers whose fields (per the live object's managedFields) are left out.</param>
public sealed record IgnoreDifference(
    string? Group,
    string Kind,
    string? Name,
    string? Namespace,
    IReadOnlyList<string> JsonPointers,
    IReadOnlyList<string> JqPathExpressions,
    IReadOnlyList<string> ManagedFieldsManagers)
{
    /// <summary>
    /// Only objects with an <c>aggregationRule</c> (aggregated ClusterRoles, whose rules the controller fills in):
    /// argocd-cm's <c>resource.compareoptions: ignoreAggregatedRoles</c>.
    /// </summary>
    public bool AggregatedOnly { get; init; }

    /// <summary>True when the rule applies to <paramref name="obj"/> (by group, kind, name and namespace).</summary>
    public bool Matches(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var gvk = obj.GetGroupVersionKind();
        return (!AggregatedOnly || obj["aggregationRule"] is JsonObject)
            && Glob(Group ?? "", gvk.Group)
            && Glob(Kind, gvk.Kind)
            && (string.IsNullOrEmpty(Name) || Name == obj.GetName())
            && (string.IsNullOrEmpty(Namespace) || Namespace == obj.GetNamespace());
    }

    /// <summary>
    /// Reads one entry in Argo CD's shape (<c>group</c>, <c>kind</c>, <c>name</c>, <c>namespace</c>, <c>jsonPointers</c>,
    /// <c>jqPathExpressions</c>, <c>managedFieldsManagers</c>). Does not check the expressions: <see cref="Validate"/> does.
    /// </summary>
    /// <exception cref="DiffException">The entry has no kind, or a field has the wrong type.</exception>
    public static IgnoreDifference FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var kind = json.GetString("kind");
        if (string.IsNullOrEmpty(kind)) throw new DiffException("ignoreDifferences entry has no kind");
        return new IgnoreDifference(
            json.GetString("group"),
            kind,
            json.GetString("name"),
            json.GetString("namespace"),
            Strings(json, "jsonPointers"),
            Strings(json, "jqPathExpressions"),
            Strings(json, "managedFieldsManagers"));
    }

    /// <summary>Every problem with the rule's expressions, each a message naming the expression; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var pointer in JsonPointers)
        {
            try
            {
                FieldRemoval.ParsePointer(pointer);
            }
            catch (DiffException e)
            {
                errors.Add(e.Message);
            }
        }
        foreach (var expression in JqPathExpressions)
        {
            try
            {
                JqPath.Parse(expression);
            }
            catch (DiffException e)
            {
                errors.Add(e.Message);
            }
        }
        return errors;
    }

    private static List<string> Strings(JsonObject json, string property)
    {
        switch (json[property])
        {
            case null:
                return [];
            case JsonArray array:
                return array.Select(item => item is JsonValue v && v.TryGetValue<string>(out var s)
                    ? s
                    : throw new DiffException($"ignoreDifferences entry for kind '{json.GetString("kind")}': {property} must be a list of strings")).ToList();
            default:
                throw new DiffException($"ignoreDifferences entry for kind '{json.GetString("kind")}': {property} must be a list of strings");
        }
    }

    // Argo CD matches group and kind with glob patterns; '*' (any run) and '?' (one character) cover what is used.
    private static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
