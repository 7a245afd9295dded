using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;

namespace Keelson.Server.Rbac;

/// <summary>
/// The user-defined RBAC policy of <c>argocd-rbac-cm</c>: the rules and role bindings of <c>policy.csv</c> and every
/// <c>policy.&lt;name&gt;.csv</c> (in that order: policy.csv first, then the others by key, ordinal), the default role
/// every authenticated user has (<c>policy.default</c>), the token claims holding group names (<c>scopes</c>) and the
/// match mode (<c>policy.matchMode</c>). Pure data: an <see cref="RbacEnforcer"/> compiles it.
/// </summary>
public sealed record RbacPolicy
{
    public const string ConfigMapName = "argocd-rbac-cm";
    public const string PolicyCsvKey = "policy.csv";
    public const string DefaultRoleKey = "policy.default";
    public const string ScopesKey = "scopes";
    public const string MatchModeKey = "policy.matchMode";

    /// <summary>The claims read for groups when <c>scopes</c> is not set: <c>[groups]</c>.</summary>
    public static IReadOnlyList<string> DefaultScopes { get; } = ["groups"];

    /// <summary>No user policy: only the built-in one applies, with no default role.</summary>
    public static RbacPolicy Empty { get; } = new();

    public IReadOnlyList<PolicyRule> Rules { get; init; } = [];

    public IReadOnlyList<RoleBinding> Bindings { get; init; } = [];

    /// <summary>The role every authenticated user has, checked first; empty for none.</summary>
    public string DefaultRole { get; init; } = "";

    public IReadOnlyList<string> Scopes { get; init; } = DefaultScopes;

    public MatchMode MatchMode { get; init; }

    /// <summary>
    /// Reads the data of an <c>argocd-rbac-cm</c> ConfigMap. Any bad line, or a <c>scopes</c> that is not a list of
    /// claim names, refuses the whole policy: the result then has every error and no policy, and the caller keeps the
    /// policy it had (see <see cref="RbacPolicyHolder"/>).
    /// </summary>
    public static RbacPolicyParseResult Parse(IReadOnlyDictionary<string, string> data)
    {
        var rules = new List<PolicyRule>();
        var bindings = new List<RoleBinding>();
        var errors = new List<PolicyError>();
        var warnings = new List<string>();
        foreach (var key in PolicyKeys(data)) PolicyCsv.Read(data[key], key, rules, bindings, errors);

        var scopes = DefaultScopes;
        if (data.TryGetValue(ScopesKey, out var scopesText) && !string.IsNullOrWhiteSpace(scopesText))
        {
            if (ParseScopes(scopesText) is { } parsed) scopes = parsed;
            else errors.Add(new(new(ScopesKey, 0), $"expected a list of claim names such as [groups, email], found '{scopesText.Trim()}'"));
        }

        var mode = MatchMode.Glob;
        if (data.TryGetValue(MatchModeKey, out var modeText))
        {
            if (modeText == "regex") mode = MatchMode.Regex;
            else if (modeText is not ("" or "glob")) warnings.Add($"{MatchModeKey}: '{modeText}' is neither glob nor regex; glob is used");
        }

        return Result(rules, bindings, errors, warnings, new RbacPolicy
        {
            DefaultRole = data.TryGetValue(DefaultRoleKey, out var role) ? role : "",
            Scopes = scopes,
            MatchMode = mode,
        });
    }

    /// <summary>Reads the <c>data</c> of a ConfigMap object (as read from the cluster or a YAML file).</summary>
    public static RbacPolicyParseResult Parse(JsonObject configMap) => Parse(ConfigMapData(configMap));

    /// <summary>Reads a bare policy CSV (a <c>policy.csv</c> file), with no default role and the default scopes.</summary>
    public static RbacPolicyParseResult ParseCsv(string csv, string key = PolicyCsvKey)
    {
        var rules = new List<PolicyRule>();
        var bindings = new List<RoleBinding>();
        var errors = new List<PolicyError>();
        PolicyCsv.Read(csv, key, rules, bindings, errors);
        return Result(rules, bindings, errors, [], new RbacPolicy());
    }

    /// <summary>The keys that hold policy lines, in the order they are read: policy.csv, then policy.&lt;name&gt;.csv by key.</summary>
    public static IEnumerable<string> PolicyKeys(IReadOnlyDictionary<string, string> data)
    {
        if (data.ContainsKey(PolicyCsvKey)) yield return PolicyCsvKey;
        foreach (var key in data.Keys.Where(k => k != PolicyCsvKey && k.StartsWith("policy.", StringComparison.Ordinal) && k.EndsWith(".csv", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            yield return key;
    }

    /// <summary>The string values of a ConfigMap's <c>data</c>.</summary>
    public static Dictionary<string, string> ConfigMapData(JsonObject configMap)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in configMap["data"] as JsonObject ?? [])
        {
            if (value is JsonValue v) data[key] = v.TryGetValue<string>(out var s) ? s : v.ToJsonString();
        }
        return data;
    }

    private static RbacPolicyParseResult Result(List<PolicyRule> rules, List<RoleBinding> bindings, List<PolicyError> errors, List<string> warnings, RbacPolicy settings)
    {
        if (errors.Count > 0) return new(null, errors, warnings);
        var policy = settings with { Rules = rules, Bindings = bindings };
        warnings.AddRange(PolicyWarnings.Of(policy));
        return new(policy, [], warnings);
    }

    // `scopes` is YAML: a flow or block list of claim names; a single name is taken as a list of one.
    private static IReadOnlyList<string>? ParseScopes(string text)
    {
        JsonNode? node;
        try
        {
            node = YamlDocuments.Parse(text, ScopesKey).FirstOrDefault();
        }
        catch (YamlFormatException)
        {
            return null;
        }
        switch (node)
        {
            case JsonValue single when single.TryGetValue<string>(out var name):
                return [name];
            case JsonArray list:
                var names = new List<string>();
                foreach (var item in list)
                {
                    if (item is not JsonValue v || !v.TryGetValue<string>(out var s)) return null;
                    names.Add(s);
                }
                return names;
            default:
                return null;
        }
    }
}
