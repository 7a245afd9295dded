namespace Keelson.Server.Http;

/// <summary>
/// The names the API takes for the objects it stores (Applications, AppProjects): a DNS-1123 subdomain as Kubernetes
/// spells it, so never holding '/', '..' or a control character — a name can then go into a path or an RBAC object as it is.
/// </summary>
public static class ObjectName
{
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 253 && name.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch is '-' or '.')
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]) && !name.Contains("..", StringComparison.Ordinal);

    /// <summary>What a valid name is, said of <paramref name="name"/> (quoted as the caller prefers).</summary>
    public static string Rule(string quotedName) =>
        $"{quotedName} must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
}
