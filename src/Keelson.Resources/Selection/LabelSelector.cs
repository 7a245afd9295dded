using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Resources.Selection;

/// <summary>A Kubernetes label selector: equality-based (=, ==, !=) and set-based (in, notin, exists, !key).</summary>
public sealed class LabelSelector
{
    public static readonly LabelSelector Everything = new([]);

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) =>
        Requirements = requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();

    /// <summary>The requirements, sorted by key; all must hold.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public static LabelSelector Of(IEnumerable<LabelRequirement> requirements) => new(requirements.ToList());

    /// <summary>Parses the query form ("app=web,tier in (fe,be),!legacy"). Throws <see cref="SelectorException"/>.</summary>
    public static LabelSelector Parse(string text)
    {
        var tokens = Tokenize(text);
        var requirements = new List<LabelRequirement>();
        var pos = 0;
        string Peek() => pos < tokens.Count ? tokens[pos] : "";
        string Next() => pos < tokens.Count ? tokens[pos++] : "";
        bool AtEnd() => pos >= tokens.Count;
        static bool IsIdentifier(string t) => t.Length > 0 && !IsSymbol(t) && t is not "in" and not "notin";
        string Describe(string t) => t.Length == 0 ? "end of string" : t;

        if (AtEnd()) return Everything;
        while (true)
        {
            var negate = false;
            if (Peek() == "!")
            {
                Next();
                negate = true;
            }
            var key = Next();
            if (!IsIdentifier(key)) throw new SelectorException($"unable to parse requirement: found '{Describe(key)}', expected: identifier");
            var op = Peek();
            if (negate || op is "," or "")
            {
                if (negate && op is not ("," or "")) throw new SelectorException($"unable to parse requirement: found '{op}', expected: ',' or 'end of string' after '!{key}'");
                requirements.Add(new LabelRequirement(key, negate ? LabelOperator.DoesNotExist : LabelOperator.Exists));
            }
            else
            {
                Next();
                switch (op)
                {
                    case "=" or "==" or "!=":
                        {
                            var value = Peek() is "," or "" ? "" : Next();
                            if (IsSymbol(value)) throw new SelectorException($"unable to parse requirement: found '{value}', expected: identifier for value of '{key}'");
                            var kind = op switch { "=" => LabelOperator.Equals, "==" => LabelOperator.DoubleEquals, _ => LabelOperator.NotEquals };
                            requirements.Add(new LabelRequirement(key, kind, [value]));
                            break;
                        }
                    case "in" or "notin":
                        {
                            if (Next() != "(") throw new SelectorException($"unable to parse requirement: found '{Describe(tokens.ElementAtOrDefault(pos - 1) ?? "")}', expected: '(' after '{op}'");
                            var values = new List<string>();
                            var expectValue = true;
                            while (true)
                            {
                                var t = Next();
                                if (t == ")")
                                {
                                    if (expectValue && values.Count > 0) values.Add("");
                                    break;
                                }
                                if (t == ",")
                                {
                                    if (expectValue) values.Add("");
                                    expectValue = true;
                                    continue;
                                }
                                if (t.Length == 0 || IsSymbol(t) || !expectValue)
                                    throw new SelectorException($"unable to parse requirement: found '{Describe(t)}', expected: ',', ')' or identifier in values of '{key}'");
                                values.Add(t);
                                expectValue = false;
                            }
                            requirements.Add(new LabelRequirement(key, op == "in" ? LabelOperator.In : LabelOperator.NotIn, values));
                            break;
                        }
                    default:
                        throw new SelectorException($"unable to parse requirement: found '{op}', expected: in, notin, =, ==, !=");
                }
            }
            var separator = Next();
            if (separator.Length == 0) break;
            if (separator != ",") throw new SelectorException($"unable to parse requirement: found '{separator}', expected: ',' or 'end of string'");
            if (AtEnd()) throw new SelectorException("unable to parse requirement: found 'end of string', expected: identifier after ','");
        }
        return new LabelSelector(requirements);
    }

    private static bool IsSymbol(string token) => token is "!" or "=" or "==" or "!=" or "(" or ")" or ",";

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '!' && i + 1 < text.Length && text[i + 1] == '=') { tokens.Add("!="); i += 2; continue; }
            if (c == '=' && i + 1 < text.Length && text[i + 1] == '=') { tokens.Add("=="); i += 2; continue; }
            if (c is '!' or '=' or '(' or ')' or ',') { tokens.Add(c.ToString()); i++; continue; }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('!' or '=' or '(' or ')' or ',')) i++;
            tokens.Add(text[start..i]);
        }
        return tokens;
    }

    /// <summary>
    /// Reads a metav1.LabelSelector (matchLabels, matchExpressions with In, NotIn, Exists, DoesNotExist). Null or
    /// empty selects everything. Throws <see cref="SelectorException"/>.
    /// </summary>
    public static LabelSelector FromJson(JsonObject? selector)
    {
        if (selector is null) return Everything;
        var requirements = new List<LabelRequirement>();
        if (selector["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                    throw new SelectorException($"matchLabels[{key}]: value must be a string");
                requirements.Add(new LabelRequirement(key, LabelOperator.Equals, [v.GetValue<string>()]));
            }
        }
        if (selector["matchExpressions"] is JsonArray expressions)
        {
            for (var i = 0; i < expressions.Count; i++)
            {
                if (expressions[i] is not JsonObject expression) throw new SelectorException($"matchExpressions[{i}]: must be an object");
                var key = expression["key"] is JsonValue k && k.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : "";
                var opText = expression["operator"] is JsonValue o && o.GetValueKind() == JsonValueKind.String ? o.GetValue<string>() : "";
                var op = opText switch
                {
                    "In" => LabelOperator.In,
                    "NotIn" => LabelOperator.NotIn,
                    "Exists" => LabelOperator.Exists,
                    "DoesNotExist" => LabelOperator.DoesNotExist,
                    _ => throw new SelectorException($"matchExpressions[{i}].operator: \"{opText}\" is not a valid label selector operator"),
                };
                var values = new List<string>();
                if (expression["values"] is JsonArray valueList)
                {
                    foreach (var value in valueList)
                    {
                        if (value is not JsonValue sv || sv.GetValueKind() != JsonValueKind.String)
                            throw new SelectorException($"matchExpressions[{i}].values: must be strings");
                        values.Add(sv.GetValue<string>());
                    }
                }
                requirements.Add(new LabelRequirement(key, op, values));
            }
        }
        return new LabelSelector(requirements);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => Requirements.All(r => r.Matches(labels));

    public bool IsEverything => Requirements.Count == 0;

    /// <summary>The canonical query form: requirements sorted by key, set values sorted; "" selects everything.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var requirement in Requirements)
        {
            if (sb.Length > 0) sb.Append(',');
            sb.Append(requirement);
        }
        return sb.ToString();
    }
}
