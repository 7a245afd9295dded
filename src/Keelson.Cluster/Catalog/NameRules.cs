using System.Text.RegularExpressions;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// Kubernetes' name and key rules (k8s.io/apimachinery/pkg/util/validation): each method returns the problems found,
/// worded as the apiserver words them, or nothing when the value is valid.
/// </summary>
public static partial class NameRules
{
    private const string Dns1123LabelMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string Dns1035LabelMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private const string QualifiedNameMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string ConfigKeyMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

    public static IReadOnlyList<string> Dns1123Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > 63) errs.Add(MaxLen(63));
        if (!Dns1123LabelRegex().IsMatch(value))
            errs.Add(RegexError(Dns1123LabelMsg, "[a-z0-9]([-a-z0-9]*[a-z0-9])?", "my-name", "123-abc"));
        return errs;
    }

    public static IReadOnlyList<string> Dns1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (value.Length > 253) errs.Add(MaxLen(253));
        if (!Dns1123SubdomainRegex().IsMatch(value))
            errs.Add(RegexError(Dns1123SubdomainMsg, @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", "example.com"));
        return errs;
    }

    public static IReadOnlyList<string> Dns1035Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > 63) errs.Add(MaxLen(63));
        if (!Dns1035LabelRegex().IsMatch(value))
            errs.Add(RegexError(Dns1035LabelMsg, "[a-z]([-a-z0-9]*[a-z0-9])?", "my-name", "abc-123"));
        return errs;
    }

    /// <summary>The rule for names used as a single path segment (RBAC objects and other "path segment" names).</summary>
    public static IReadOnlyList<string> PathSegmentName(string value)
    {
        if (value is "." or "..") return [$"may not be '{value}'"];
        var errs = new List<string>();
        foreach (var illegal in new[] { "/", "%" })
            if (value.Contains(illegal, StringComparison.Ordinal)) errs.Add($"may not contain '{illegal}'");
        return errs;
    }

    /// <summary>Label and annotation keys: an optional DNS subdomain prefix and '/', then a name part.</summary>
    public static IReadOnlyList<string> QualifiedName(string value)
    {
        var errs = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0) errs.Add("prefix part must be non-empty");
                else foreach (var msg in Dns1123Subdomain(prefix)) errs.Add("prefix part " + msg);
                break;
            default:
                return ["a qualified name " + RegexError(QualifiedNameMsg, "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]", "MyName", "my.name", "123-abc") +
                        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }
        if (name.Length == 0) errs.Add("name part must be non-empty");
        else if (name.Length > 63) errs.Add("name part " + MaxLen(63));
        if (!QualifiedNameRegex().IsMatch(name))
            errs.Add("name part " + RegexError(QualifiedNameMsg, "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]", "MyName", "my.name", "123-abc"));
        return errs;
    }

    public static IReadOnlyList<string> LabelValue(string value)
    {
        var errs = new List<string>();
        if (value.Length > 63) errs.Add(MaxLen(63));
        if (!LabelValueRegex().IsMatch(value))
            errs.Add(RegexError(LabelValueMsg, "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?", "MyValue", "my_value", "12345"));
        return errs;
    }

    /// <summary>Keys of ConfigMap data/binaryData and Secret data/stringData.</summary>
    public static IReadOnlyList<string> ConfigMapKey(string value)
    {
        var errs = new List<string>();
        if (value.Length > 253) errs.Add(MaxLen(253));
        if (!ConfigKeyRegex().IsMatch(value))
            errs.Add(RegexError(ConfigKeyMsg, "[-._a-zA-Z0-9]+", "key.name", "KEY_NAME", "key-name"));
        if (value == ".") errs.Add("must not be '.'");
        else if (value == "..") errs.Add("must not be '..'");
        else if (value.StartsWith("..", StringComparison.Ordinal)) errs.Add("must not start with '..'");
        return errs;
    }

    private static string MaxLen(int n) => $"must be no more than {n} characters";

    // Go's validation.RegexError: "<msg> (e.g. 'a',  or 'b', regex used for validation is '<re>')".
    private static string RegexError(string msg, string regex, params string[] examples) =>
        $"{msg} (e.g. {string.Join(",  or ", examples.Select(e => $"'{e}'"))}, regex used for validation is '{regex}')";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035LabelRegex();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValueRegex();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKeyRegex();
}
