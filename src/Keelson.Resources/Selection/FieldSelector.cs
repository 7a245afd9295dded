using System.Text;

namespace Keelson.Resources.Selection;

/// <summary>A Kubernetes field selector: comma-separated <c>path=value</c>, <c>path==value</c>, <c>path!=value</c>.</summary>
public sealed class FieldSelector
{
    public static readonly FieldSelector Everything = new([]);

    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    public IReadOnlyList<FieldRequirement> Requirements { get; }

    /// <summary>
    /// Parses "metadata.name=web,status.phase!=Running". In values, <c>\,</c> <c>\=</c> and <c>\\</c> escape those
    /// characters; any other backslash sequence is an error. Empty text selects everything. Throws <see cref="SelectorException"/>.
    /// </summary>
    public static FieldSelector Parse(string text)
    {
        var requirements = new List<FieldRequirement>();
        foreach (var term in SplitTerms(text))
        {
            if (term.Length == 0) continue;
            var (field, op, rawValue) = SplitTerm(term)
                ?? throw new SelectorException($"invalid selector: '{text}'; can't understand '{term}'");
            requirements.Add(new FieldRequirement(field, op, Unescape(rawValue, text)));
        }
        return requirements.Count == 0 ? Everything : new FieldSelector(requirements);
    }

    /// <summary>The field paths the selector names, so a server can reject unsupported ones.</summary>
    public IReadOnlyList<string> Fields => Requirements.Select(r => r.Field).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>True when every requirement holds; <paramref name="fieldValue"/> returns a field's value or null (treated as "").</summary>
    public bool Matches(Func<string, string?> fieldValue) => Requirements.All(r => r.Matches(fieldValue));

    public bool IsEverything => Requirements.Count == 0;

    /// <summary>The canonical form: terms in their order, "==" written "=", values escaped.</summary>
    public override string ToString() => string.Join(",", Requirements);

    /// <summary>Escapes a value for the query form.</summary>
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);

    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }
        terms.Add(text[start..]);
        return terms;
    }

    private static (string Field, FieldOperator Op, string Value)? SplitTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            if (term[i] == '\\') { i++; continue; }
            foreach (var (symbol, op) in new[] { ("!=", FieldOperator.NotEquals), ("==", FieldOperator.Equals), ("=", FieldOperator.Equals) })
            {
                if (string.CompareOrdinal(term, i, symbol, 0, symbol.Length) == 0)
                    return (term[..i], op, term[(i + symbol.Length)..]);
            }
        }
        return null;
    }

    private static string Unescape(string value, string text)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                if (i + 1 >= value.Length || value[i + 1] is not ('\\' or ',' or '='))
                    throw new SelectorException($"invalid selector: '{text}': invalid escape sequence in '{value}'");
                sb.Append(value[++i]);
            }
            else if (c is ',' or '=')
            {
                throw new SelectorException($"invalid selector: '{text}': unescaped '{c}' in value '{value}'");
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
