using System.Text.Json.Nodes;

namespace Keelson.Kustomize;

/// <summary>
/// One <c>vars</c> entry: a name, the object it reads (objref) and the field (fieldref.fieldPath). Keys are matched
/// case-insensitively, as Go's encoding/json matches them.
/// </summary>
internal sealed record Var(string Name, string ApiVersion, string Group, string Version, string Kind, string ObjName, string Namespace, string FieldPath)
{
    public const string DefaultFieldPath = "metadata.name";

    public static Var Parse(JsonObject entry)
    {
        var objref = Field(entry, "objref") as JsonObject ?? [];
        var fieldref = Field(entry, "fieldref") as JsonObject ?? [];
        return new Var(Text(entry, "name"), Text(objref, "apiVersion"), Text(objref, "group"), Text(objref, "version"),
            Text(objref, "kind"), Text(objref, "name"), Text(objref, "namespace"), Text(fieldref, "fieldPath"));
    }

    /// <summary>The group and version the object must have: apiVersion, when set, overrides group/version as kustomize's Target.GVK does.</summary>
    public (string Group, string Version) GroupVersion
    {
        get
        {
            if (ApiVersion.Length == 0) return (Group, Version);
            var parts = ApiVersion.Split('/');
            return parts.Length switch
            {
                2 => (parts[0], parts[1]),
                1 => (Group, parts[0]),
                _ => (Group, Version),
            };
        }
    }

    /// <summary>The var after kustomize's Defaulting: apiVersion split into group/version, fieldPath defaulted.</summary>
    public Var Defaulted()
    {
        var (group, version) = GroupVersion;
        return this with { Group = group, Version = version, FieldPath = FieldPath.Length == 0 ? DefaultFieldPath : FieldPath };
    }

    /// <summary>How Go's <c>%v</c> prints the var: <c>{NAME Kind.version.group {fieldPath}}</c> (the objref's Gvk String()).</summary>
    public override string ToString() =>
        $"{{{Name} {Or(Kind, "[noKind]")}.{Or(Version, "[noVer]")}.{Or(Group, "[noGrp]")} {{{FieldPath}}}}}";

    private static string Or(string value, string empty) => value.Length == 0 ? empty : value;

    private static JsonNode? Field(JsonObject obj, string key) =>
        obj.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Text(JsonObject obj, string key) =>
        Field(obj, key) is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
