using System.Text.RegularExpressions;

namespace Keelson.Server.Rbac;

/// <summary>
/// A resource, action or object field of a <c>p</c> line, compiled once for the policy's match mode. A pattern that
/// does not compile matches nothing (Argo CD logs it and the rule never applies); <see cref="TryCompile"/> says why.
/// </summary>
internal sealed class PolicyPattern
{
    private static readonly PolicyPattern Never = new(null, null);

    private readonly GlobPattern? _glob;
    private readonly Regex? _regex;

    private PolicyPattern(GlobPattern? glob, Regex? regex)
    {
        _glob = glob;
        _regex = regex;
    }

    public bool IsMatch(string value) => _glob?.IsMatch(value) ?? _regex?.IsMatch(value) ?? false;

    public static PolicyPattern Compile(string pattern, MatchMode mode) => TryCompile(pattern, mode, out var compiled, out _) ? compiled : Never;

    public static bool TryCompile(string pattern, MatchMode mode, out PolicyPattern compiled, out string error)
    {
        compiled = Never;
        if (mode == MatchMode.Glob)
        {
            if (!GlobPattern.TryCompile(pattern, out var glob, out error)) return false;
            compiled = new PolicyPattern(glob, null);
            return true;
        }
        try
        {
            // Go's RE2 has no backtracking constructs either, and NonBacktracking keeps matching linear, as RE2 does.
            compiled = new PolicyPattern(null, new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking));
            error = "";
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            error = ex.Message;
            return false;
        }
    }
}
