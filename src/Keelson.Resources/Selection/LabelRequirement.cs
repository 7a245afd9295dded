using System.Text.RegularExpressions;

namespace Keelson.Resources.Selection;

/// <summary>One validated term of a label selector: a key, an operator and (for all but Exists/DoesNotExist) values.</summary>
public sealed partial class LabelRequirement
{
    [GeneratedRegex("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();

    /// <summary>Validates and builds a requirement. Throws <see cref="SelectorException"/> like the API server does.</summary>
    public LabelRequirement(string key, LabelOperator op, IEnumerable<string>? values = null)
    {
        var list = (values ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var keyError = KeyError(key);
        if (keyError is not null) throw new SelectorException($"unable to parse requirement: key: Invalid value: \"{key}\": {keyError}");
        switch (op)
        {
            case LabelOperator.In or LabelOperator.NotIn when list.Count == 0:
                throw new SelectorException($"unable to parse requirement: values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
            case LabelOperator.Equals or LabelOperator.DoubleEquals or LabelOperator.NotEquals when list.Count != 1:
                throw new SelectorException($"unable to parse requirement: values: Invalid value: [{string.Join(",", list)}]: exact-match compatibility requires one single value");
            case LabelOperator.Exists or LabelOperator.DoesNotExist when list.Count != 0:
                throw new SelectorException($"unable to parse requirement: values: Invalid value: [{string.Join(",", list)}]: values set must be empty for exists and does not exist");
        }
        for (var i = 0; i < list.Count; i++)
        {
            var valueError = ValueError(list[i]);
            if (valueError is not null)
                throw new SelectorException($"unable to parse requirement: values[{i}][{key}]: Invalid value: \"{list[i]}\": {valueError}");
        }
        Key = key;
        Operator = op;
        Values = list;
    }

    public string Key { get; }

    public LabelOperator Operator { get; }

    /// <summary>Sorted, distinct values.</summary>
    public IReadOnlyList<string> Values { get; }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Equals or LabelOperator.DoubleEquals or LabelOperator.In => has && Values.Contains(value!, StringComparer.Ordinal),
            LabelOperator.NotEquals or LabelOperator.NotIn => !has || !Values.Contains(value!, StringComparer.Ordinal),
            LabelOperator.Exists => has,
            LabelOperator.DoesNotExist => !has,
            _ => false,
        };
    }

    /// <summary>The query form of this requirement ("app=web", "tier in (be,fe)", "!legacy").</summary>
    public override string ToString() => Operator switch
    {
        LabelOperator.Equals => $"{Key}={Values[0]}",
        LabelOperator.DoubleEquals => $"{Key}=={Values[0]}",
        LabelOperator.NotEquals => $"{Key}!={Values[0]}",
        LabelOperator.In => $"{Key} in ({string.Join(",", Values)})",
        LabelOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        LabelOperator.Exists => Key,
        _ => $"!{Key}",
    };

    /// <summary>Why <paramref name="key"/> is not a valid label key ([prefix/]name), or null when it is.</summary>
    public static string? KeyError(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0) return "prefix part must be non-empty";
            if (prefix.Length > 253) return "prefix part must be no more than 253 characters";
            if (!DnsSubdomain().IsMatch(prefix))
                return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
        }
        if (name.Length == 0) return "name part must be non-empty";
        if (name.Length > 63) return "name part must be no more than 63 characters";
        if (!QualifiedName().IsMatch(name))
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
        return null;
    }

    /// <summary>Why <paramref name="value"/> is not a valid label value, or null when it is (empty is valid).</summary>
    public static string? ValueError(string value)
    {
        if (value.Length > 63) return "must be no more than 63 characters";
        if (!QualifiedName().IsMatch(value))
            return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
        return null;
    }
}
