namespace Keelson.Server.Rbac;

/// <summary>
/// <c>policy.matchMode</c>: how resource, action and object patterns match. <see cref="Glob"/> (the default) is
/// gobwas/glob without separators, so <c>*</c> crosses <c>/</c>; <see cref="Regex"/> is a regular expression found
/// anywhere in the value (Casbin's <c>regexMatch</c> does not anchor: write <c>^…$</c> to match whole values).
/// </summary>
public enum MatchMode
{
    Glob,
    Regex,
}
