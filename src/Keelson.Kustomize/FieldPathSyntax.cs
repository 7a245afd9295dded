namespace Keelson.Kustomize;

/// <summary>The dotted field paths of replacements and vars.</summary>
internal static class FieldPathSyntax
{
    /// <summary>Splits a kustomize field path at dots outside brackets (<c>spec.containers.[name=a.b].image</c>), dropping empty parts.</summary>
    public static List<string> Split(string path)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '[') depth++;
            else if (path[i] == ']') depth--;
            else if (path[i] == '.' && depth == 0)
            {
                parts.Add(path[start..i]);
                start = i + 1;
            }
        }
        parts.Add(path[start..]);
        return parts.Where(p => p.Length > 0).ToList();
    }
}
