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
    private readonly List<string> _duplicates = [];

    public static IReadOnlyList<JsonNode?> Parse(string text, string source) => new KyamlReader(source).ReadStream(text);

    /// <summary>
    /// kyaml's <c>ByteReader</c>: CRLF becomes LF, the text is split at lines starting with <c>---</c> (anything but
    /// blanks or a comment after it is "invalid document separator"), and only the first document of each part is
    /// decoded, so go-yaml numbers lines from the part's start. Syntax errors of any part come before duplicate keys
    /// (go-yaml's unmarshal errors, found when kustomize decodes a document into a map).
    /// </summary>
    private List<JsonNode?> ReadStream(string text)
    {
        var documents = new List<JsonNode?>();
        var parts = SplitDocuments(text.Replace("\r\n", "\n", StringComparison.Ordinal));
        string? duplicates = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = i < parts.Count - 1 ? parts[i] + "\n" : parts[i];
            _anchors.Clear();
            _duplicates.Clear();
            if (GoYamlErrors.FirstLineTab(part) is { } tab)
                throw new YamlFormatException($"{source}: {tab}", source, 0, new KyamlError(KyamlError.Kinds.Malformed, tab));
            var parser = new Parser(new StringReader(part));
            try
            {
                parser.Consume<StreamStart>();
                if (parser.Accept<StreamEnd>(out _)) continue;
                parser.Consume<DocumentStart>();
                var empty = parser.Accept<Scalar>(out var scalar) && scalar.Style == ScalarStyle.Plain && scalar.Value.Length == 0;
                var node = ReadNode(parser);
                parser.Consume<DocumentEnd>();
                if (!empty) documents.Add(node);
            }
            catch (Exception e) when (e is YamlException or InvalidOperationException)
            {
                var what = GoYamlErrors.Describe(part, GoYamlErrors.Flavor.V3) ?? "yaml: " + e.Message;
                throw new YamlFormatException($"{source}: {what}", source, 0, new KyamlError(KyamlError.Kinds.Malformed, what));
            }
            if (duplicates is null && _duplicates.Count > 0)
                duplicates = "map[string]interface {}(nil): yaml: unmarshal errors:\n  " + string.Join("\n  ", _duplicates);
        }
        if (duplicates is not null)
            throw new YamlFormatException($"{source}: {duplicates}", source, 0, new KyamlError(KyamlError.Kinds.Unmarshal, duplicates));
        return documents;
    }

    private List<string> SplitDocuments(string text)
    {
        var parts = new List<string>();
        if (text.Length == 0) return parts;
        var previous = 0;
        foreach (Match separator in Separator().Matches(text))
        {
            var rest = separator.Value[4..].Trim();
            if (rest.Length > 0 && rest[0] != '#')
            {
                var what = $"invalid document separator: {separator.Value.Trim()}";
                throw new YamlFormatException($"{source}: {what}", source, 0, new KyamlError(KyamlError.Kinds.Refused, what));
            }
            parts.Add(text[previous..separator.Index]);
            previous = separator.Index + separator.Length;
        }
        parts.Add(text[previous..]);
        return parts;
    }

    private JsonNode? ReadNode(IParser parser)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                var what = $"yaml: unknown anchor '{alias.Value.Value}' referenced";
                throw new YamlFormatException($"{source}: {what}", source, alias.Start.Line, new KyamlError(KyamlError.Kinds.Malformed, what));
            }
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
            var keys = new List<(string Value, long Line)>();
            var errorsBefore = _duplicates.Count;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (parser.Accept<Scalar>(out var keyScalar) && keyScalar.Style == ScalarStyle.Plain && keyScalar.Value == "<<")
                {
                    parser.MoveNext();
                    Merge(map, ReadNode(parser));
                    continue;
                }
                var line = parser.Current?.Start.Line ?? 0;
                if (parser.Accept<Scalar>(out var rawKey)) keys.Add((rawKey.Value, rawKey.Start.Line));
                var key = ReadNode(parser) switch
                {
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    JsonValue v => v.ToJsonString(),
                    _ => throw new YamlFormatException($"{source}: line {line}: map keys must be scalars", source, line),
                };
                map[key] = ReadNode(parser);
            }
            CheckDuplicates(keys, errorsBefore);
            return Remember(mappingStart.Anchor, map);
        }
        var current = parser.Current;
        throw new YamlFormatException($"{source}: line {current?.Start.Line ?? 0}: unexpected {current?.GetType().Name ?? "end of input"}", source, current?.Start.Line ?? 0);
    }

    /// <summary>
    /// go-yaml v3 refuses a mapping whose scalar keys repeat (same text), checking every pair before it decodes the
    /// values, so a mapping with duplicates reports only its own.
    /// </summary>
    private void CheckDuplicates(List<(string Value, long Line)> keys, int errorsBefore)
    {
        var own = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            for (var j = i + 1; j < keys.Count; j++)
            {
                if (keys[i].Value == keys[j].Value)
                    own.Add($"line {keys[j].Line}: mapping key {GoQuote(keys[j].Value)} already defined at line {keys[i].Line}");
            }
        }
        if (own.Count == 0) return;
        _duplicates.RemoveRange(errorsBefore, _duplicates.Count - errorsBefore);
        _duplicates.AddRange(own);
    }

    /// <summary>Go's %#v of a string.</summary>
    private static string GoQuote(string s) => JsonValue.Create(s).ToJsonString(GoJsonQuoting);

    private static readonly System.Text.Json.JsonSerializerOptions GoJsonQuoting =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    [GeneratedRegex(@"\n---.*\n", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();
}
