using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keelson.Resources.Serialization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Keelson.Kustomize;

/// <summary>
/// Reads YAML the way kustomize does (kyaml over go-yaml v3), which differs from kubectl's YAML 1.1 reading
/// (<see cref="YamlDocuments.Parse"/>): only true/false spellings are booleans, so plain <c>yes</c>, <c>on</c>,
/// <c>y</c>, <c>off</c> stay strings, in keys and values alike. Aliases and <c>&lt;&lt;</c> merge keys are expanded.
/// Throws <see cref="YamlFormatException"/> with the line.
/// </summary>
internal sealed partial class KyamlReader(string source)
{
    private const string StrTag = "tag:yaml.org,2002:str";
    private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);

    public static IReadOnlyList<JsonNode?> Parse(string text, string source) => new KyamlReader(source).ReadStream(text);

    private List<JsonNode?> ReadStream(string text)
    {
        var documents = new List<JsonNode?>();
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            while (!parser.TryConsume<StreamEnd>(out _))
            {
                parser.Consume<DocumentStart>();
                _anchors.Clear();
                var empty = parser.Accept<Scalar>(out var scalar) && scalar.Style == ScalarStyle.Plain && scalar.Value.Length == 0;
                var node = ReadNode(parser);
                parser.Consume<DocumentEnd>();
                if (!empty) documents.Add(node);
            }
        }
        catch (YamlException e)
        {
            // go-yaml numbers parser errors by the 0-based line of the problem and scanner errors by the 1-based one.
            var line = e is SemanticErrorException ? Math.Max(e.Start.Line - 1, 0) : e.Start.Line;
            throw new YamlFormatException($"{source}: line {line}: {e.Message}", source, line, e);
        }
        catch (InvalidOperationException e)
        {
            throw new YamlFormatException($"{source}: line 0: malformed YAML", source, 0, e);
        }
        return documents;
    }

    private JsonNode? ReadNode(IParser parser)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                throw new YamlFormatException($"{source}: line {alias.Start.Line}: unknown anchor '{alias.Value.Value}'", source, alias.Start.Line);
            return target?.DeepClone();
        }
        if (parser.TryConsume<Scalar>(out var scalar))
            return Remember(scalar.Anchor, Resolve(scalar));
        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _)) array.Add(ReadNode(parser));
            return Remember(sequenceStart.Anchor, array);
        }
        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var map = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (parser.Accept<Scalar>(out var keyScalar) && keyScalar.Style == ScalarStyle.Plain && keyScalar.Value == "<<")
                {
                    parser.MoveNext();
                    Merge(map, ReadNode(parser));
                    continue;
                }
                var line = parser.Current?.Start.Line ?? 0;
                var key = ReadNode(parser) switch
                {
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    JsonValue v => v.ToJsonString(),
                    _ => throw new YamlFormatException($"{source}: line {line}: map keys must be scalars", source, line),
                };
                map[key] = ReadNode(parser);
            }
            return Remember(mappingStart.Anchor, map);
        }
        var current = parser.Current;
        throw new YamlFormatException($"{source}: line {current?.Start.Line ?? 0}: unexpected {current?.GetType().Name ?? "end of input"}", source, current?.Start.Line ?? 0);
    }

    private static void Merge(JsonObject map, JsonNode? value)
    {
        IEnumerable<JsonNode?> sources = value is JsonArray list ? list.Reverse() : [value];
        foreach (var source in sources.OfType<JsonObject>())
        {
            foreach (var (k, v) in source)
            {
                if (!map.ContainsKey(k)) map[k] = v?.DeepClone();
            }
        }
    }

    private JsonNode? Remember(AnchorName anchor, JsonNode? node)
    {
        if (!anchor.IsEmpty) _anchors[anchor.Value] = node;
        return node;
    }

    private static JsonNode? Resolve(Scalar scalar)
    {
        var text = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (tag == StrTag || scalar.Style != ScalarStyle.Plain) return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        var first = text[0];
        if (!(char.IsAsciiDigit(first) || first is '+' or '-' or '.')) return JsonValue.Create(text);
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (GoInteger(plain) is { } integer) return JsonValue.Create(integer);
        if (Float().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        // A plain date decodes to a time, which JSON writes in RFC 3339.
        if (Date().IsMatch(text)) return JsonValue.Create(text + "T00:00:00Z");
        return JsonValue.Create(text);
    }

    /// <summary>Go's strconv.ParseInt with base 0: 0x hex, 0o or leading-0 octal, 0b binary, else decimal.</summary>
    private static long? GoInteger(string text)
    {
        var s = text;
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Length == 0) return null;
        var radix = 10;
        if (s.Length > 1 && s[0] == '0')
        {
            (radix, s) = s[1] switch
            {
                'x' or 'X' => (16, s[2..]),
                'o' or 'O' => (8, s[2..]),
                'b' or 'B' => (2, s[2..]),
                _ => (8, s[1..]),
            };
            if (s.Length == 0) return null;
        }
        long value = 0;
        foreach (var c in s)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : 99;
            if (digit >= radix) return null;
            try
            {
                value = checked(value * radix + digit);
            }
            catch (OverflowException)
            {
                return null;
            }
        }
        return negative ? -value : value;
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();
}
