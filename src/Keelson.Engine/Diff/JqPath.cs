using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Engine.Diff;

/// <summary>
/// The subset of jq path expressions that ignoreDifferences rules use in practice, parsed without a jq engine:
/// <list type="bullet">
/// <item><c>.a.b.c</c>, with <c>."a.b/c"</c> or <c>.a["a.b/c"]</c> for keys that are not identifiers</item>
/// <item><c>.a.b[0].c</c> (negative indexes count from the end)</item>
/// <item><c>.a.b[]</c> (every item)</item>
/// <item><c>.a.b[] | select(.name == "x") | .c</c> (<c>==</c> or <c>!=</c> against a string, number, boolean or null)</item>
/// </list>
/// Anything else is refused with a <see cref="DiffException"/> naming the expression.
/// </summary>
internal sealed class JqPath
{
    private readonly string _text;
    private int _pos;

    private JqPath(string text, IReadOnlyList<JqStep> steps)
    {
        _text = text;
        Steps = steps;
    }

    public string Expression => _text;

    public IReadOnlyList<JqStep> Steps { get; }

    /// <exception cref="DiffException">The expression is not one of the supported forms.</exception>
    public static JqPath Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parser = new JqPath(expression, []);
        var steps = parser.ParsePipeline();
        if (!steps.Any(s => s is not JqStep.Select))
            throw Unsupported(expression, "it names the whole object");
        return new JqPath(expression, steps);
    }

    /// <summary>Removes every value the expression yields from <paramref name="root"/>; values that are not there are skipped.</summary>
    public void RemoveFrom(JsonObject root) => FieldRemoval.Remove(Evaluate(root));

    /// <summary>The locations the expression yields, in document order.</summary>
    public IEnumerable<ValueLocation> Evaluate(JsonObject root)
    {
        IEnumerable<ValueLocation> current = [ValueLocation.Root(root)];
        foreach (var step in Steps) current = Apply(step, current).ToList();
        return current;
    }

    private static IEnumerable<ValueLocation> Apply(JqStep step, IEnumerable<ValueLocation> locations)
    {
        foreach (var location in locations)
        {
            switch (step)
            {
                case JqStep.Field field when location.Node is JsonObject obj && obj.TryGetPropertyValue(field.Name, out var child):
                    yield return location.Child(field.Name, child);
                    break;
                case JqStep.Index index when location.Node is JsonArray array:
                    var i = index.Position < 0 ? array.Count + index.Position : index.Position;
                    if (i >= 0 && i < array.Count) yield return location.Item(i, array[i]);
                    break;
                case JqStep.Iterate when location.Node is JsonArray array:
                    for (var j = 0; j < array.Count; j++) yield return location.Item(j, array[j]);
                    break;
                case JqStep.Iterate when location.Node is JsonObject obj:
                    foreach (var (name, value) in obj.ToList()) yield return location.Child(name, value);
                    break;
                case JqStep.Select select when Selects(select, location.Node):
                    yield return location;
                    break;
            }
        }
    }

    private static bool Selects(JqStep.Select select, JsonNode? node)
    {
        foreach (var step in select.Path)
        {
            node = step switch
            {
                JqStep.Field f => node is JsonObject o ? o[f.Name] : null,
                JqStep.Index i when node is JsonArray a => (i.Position < 0 ? a.Count + i.Position : i.Position) is var k && k >= 0 && k < a.Count ? a[k] : null,
                _ => null,
            };
        }
        return SameValue(node, select.Literal) == select.Equal;
    }

    // jq compares numbers by value (1 == 1.0); everything else structurally.
    private static bool SameValue(JsonNode? a, JsonNode? b)
    {
        if (a?.GetValueKind() == JsonValueKind.Number && b?.GetValueKind() == JsonValueKind.Number)
            return Number(a) == Number(b);
        if (a is null || a.GetValueKind() == JsonValueKind.Null) return b is null || b.GetValueKind() == JsonValueKind.Null;
        return JsonNode.DeepEquals(a, b);
    }

    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static DiffException Unsupported(string expression, string why) =>
        new($"jqPathExpression '{expression}' is not supported: {why} (supported forms: .a.b, .a[0].b, .a[], .a[] | select(.name == \"x\") | .b)");

    private DiffException Unsupported(string why) => Unsupported(_text, why);

    private List<JqStep> ParsePipeline()
    {
        var steps = new List<JqStep>();
        while (true)
        {
            SkipSpaces();
            if (Peek('.')) ParsePath(steps, allowIterate: true);
            else if (TryKeyword("select")) steps.Add(ParseSelect());
            else throw Unsupported(_pos >= _text.Length ? "it is empty or ends in '|'" : $"unexpected '{_text[_pos..]}' at position {_pos}");
            SkipSpaces();
            if (_pos == _text.Length) return steps;
            if (!Peek('|')) throw Unsupported($"unexpected '{_text[_pos..]}' at position {_pos}");
            _pos++;
        }
    }

    // A path: "." then any of: identifier, "quoted", [n], ["quoted"], [] (when allowed), each later one after "." or "[".
    private void ParsePath(List<JqStep> steps, bool allowIterate)
    {
        Expect('.');
        var first = true;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (first && c == '.')
            {
                throw Unsupported("recursive descent '..' is not supported");
            }
            else if (first && (IsIdentifierStart(c) || c == '"'))
            {
                steps.Add(new JqStep.Field(c == '"' ? ReadString() : ReadIdentifier()));
            }
            else if (c == '[')
            {
                steps.Add(ParseBracket(allowIterate));
            }
            else if (c == '.' && !first)
            {
                _pos++;
                if (_pos < _text.Length && _text[_pos] == '"') steps.Add(new JqStep.Field(ReadString()));
                else if (_pos < _text.Length && IsIdentifierStart(_text[_pos])) steps.Add(new JqStep.Field(ReadIdentifier()));
                else if (!(_pos < _text.Length && _text[_pos] == '[')) throw Unsupported($"expected a field name after '.' at position {_pos}");
            }
            else
            {
                return;
            }
            first = false;
        }
    }

    private JqStep ParseBracket(bool allowIterate)
    {
        Expect('[');
        SkipSpaces();
        JqStep step;
        if (Peek(']'))
        {
            if (!allowIterate) throw Unsupported("'[]' is not allowed inside select()");
            step = new JqStep.Iterate();
        }
        else if (Peek('"'))
        {
            step = new JqStep.Field(ReadString());
        }
        else
        {
            var start = _pos;
            if (Peek('-')) _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
            if (!int.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                throw Unsupported($"expected an index, a quoted key or nothing inside '[ ]' at position {start}");
            step = new JqStep.Index(index);
        }
        SkipSpaces();
        Expect(']');
        return step;
    }

    private JqStep.Select ParseSelect()
    {
        SkipSpaces();
        Expect('(');
        SkipSpaces();
        var path = new List<JqStep>();
        if (!Peek('.')) throw Unsupported("select() must compare a path starting with '.'");
        ParsePath(path, allowIterate: false);
        SkipSpaces();
        bool equal;
        if (TryLiteral("==")) equal = true;
        else if (TryLiteral("!=")) equal = false;
        else throw Unsupported("select() supports only '==' and '!=' comparisons");
        SkipSpaces();
        var literal = ReadLiteral();
        SkipSpaces();
        Expect(')');
        return new JqStep.Select(path, equal, literal);
    }

    private JsonNode? ReadLiteral()
    {
        if (Peek('"')) return JsonValue.Create(ReadString());
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '-' or '+' or '.')) _pos++;
        var token = _text[start.._pos];
        if (token == "null") return null;
        try
        {
            var node = JsonNode.Parse(token);
            if (node?.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False) return node;
        }
        catch (JsonException)
        {
        }
        throw Unsupported($"select() must compare with a string, number, boolean or null literal, not '{token}'");
    }

    private string ReadString()
    {
        var start = _pos;
        Expect('"');
        while (_pos < _text.Length && _text[_pos] != '"') _pos += _text[_pos] == '\\' ? 2 : 1;
        if (_pos >= _text.Length) throw Unsupported($"unterminated string starting at position {start}");
        _pos++;
        // jq strings are JSON strings, escapes included.
        try
        {
            return JsonNode.Parse(_text[start.._pos])!.GetValue<string>();
        }
        catch (JsonException)
        {
            throw Unsupported($"invalid string at position {start}");
        }
    }

    private string ReadIdentifier()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
        return _text[start.._pos];
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private bool TryKeyword(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) return false;
        var end = _pos + word.Length;
        if (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_')) return false;
        _pos = end;
        return true;
    }

    private bool TryLiteral(string token)
    {
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0) return false;
        _pos += token.Length;
        return true;
    }

    private bool Peek(char c) => _pos < _text.Length && _text[_pos] == c;

    private void Expect(char c)
    {
        if (!Peek(c)) throw Unsupported(_pos < _text.Length ? $"expected '{c}' at position {_pos}, found '{_text[_pos]}'" : $"expected '{c}' at the end");
        _pos++;
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }
}
