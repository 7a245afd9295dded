using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Keelson.Resources.Serialization;

/// <summary>Builds JSON nodes from YamlDotNet's event stream, resolving scalars, aliases and merge keys as kubectl does.</summary>
internal sealed class YamlReader(string? source)
{
    private const string StrTag = "tag:yaml.org,2002:str";
    private const string BinaryTag = "tag:yaml.org,2002:binary";
    private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);

    private long _lastLine = 1;

    private string SourceName => source ?? "<input>";

    public List<JsonNode?> ReadStream(string text)
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
                var empty = parser.Accept<Scalar>(out var scalar)
                    && scalar.Style == ScalarStyle.Plain && scalar.Value.Length == 0 && scalar.Tag.IsEmpty && scalar.Anchor.IsEmpty;
                var node = ReadNode(parser);
                parser.Consume<DocumentEnd>();
                if (!empty) documents.Add(node);
            }
        }
        catch (YamlException e)
        {
            throw Error(e.Start.Line, e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections; the last event read is the best position we have.
            throw Error(_lastLine, "malformed YAML (unterminated flow collection or quoted scalar?)", e);
        }
        return documents;
    }

    private YamlFormatException Error(long line, string what, Exception? inner = null) =>
        new($"{SourceName}: line {line}: {what}", source, line, inner);

    private JsonNode? ReadNode(IParser parser)
    {
        if (parser.Current is { } current) _lastLine = current.Start.Line;
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                throw Error(alias.Start.Line, $"unknown anchor '{alias.Value.Value}' referenced");
            return target?.DeepClone();
        }
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var value = ResolveValue(scalar);
            Remember(scalar.Anchor, value);
            return value;
        }
        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _)) array.Add(ReadNode(parser));
            Remember(sequenceStart.Anchor, array);
            return array;
        }
        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var map = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _)) ReadEntry(parser, map);
            Remember(mappingStart.Anchor, map);
            return map;
        }
        var unexpected = parser.Current;
        throw Error(unexpected?.Start.Line ?? 0, $"unexpected {unexpected?.GetType().Name ?? "end of input"}");
    }

    private void ReadEntry(IParser parser, JsonObject map)
    {
        var keyEvent = parser.Current!;
        if (parser.Accept<Scalar>(out var keyScalar) && keyScalar.Style == ScalarStyle.Plain && keyScalar.Tag.IsEmpty && keyScalar.Value == "<<")
        {
            parser.MoveNext();
            var mergeLine = parser.Current?.Start.Line ?? keyScalar.Start.Line;
            Merge(map, ReadNode(parser), mergeLine);
            return;
        }
        var keyNode = ReadNode(parser);
        var key = keyNode switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => YamlScalars.KeyString(v),
            _ => null,
        };
        if (key is null)
            throw Error(keyEvent.Start.Line, keyNode is null ? "null map keys are not supported" : "map keys must be scalars");
        // Later duplicates win, as go-yaml v2 decoding into a map does; the key keeps its first position.
        map[key] = ReadNode(parser);
    }

    /// <summary>go-yaml v2 merges in document order: merged keys overwrite keys set before the "&lt;&lt;" entry; a list of maps merges last-to-first so earlier maps win.</summary>
    private void Merge(JsonObject map, JsonNode? value, long line)
    {
        switch (value)
        {
            case JsonObject source:
                foreach (var (k, v) in source) map[k] = v?.DeepClone();
                break;
            case JsonArray list:
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    if (list[i] is not JsonObject item) throw Error(line, "map merge requires map or sequence of maps as the value");
                    foreach (var (k, v) in item) map[k] = v?.DeepClone();
                }
                break;
            default:
                throw Error(line, "map merge requires map or sequence of maps as the value");
        }
    }

    private void Remember(AnchorName anchor, JsonNode? node)
    {
        if (!anchor.IsEmpty) _anchors[anchor.Value] = node;
    }

    private static JsonNode? ResolveValue(Scalar scalar)
    {
        var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (tag is StrTag or BinaryTag) return JsonValue.Create(scalar.Value);
        if (scalar.Style != ScalarStyle.Plain && tag.Length == 0) return JsonValue.Create(scalar.Value);
        if (scalar.Value.Length == 0 && scalar.Style != ScalarStyle.Plain) return JsonValue.Create("");
        return YamlScalars.Resolve(scalar.Value, out var resolved) ? resolved : JsonValue.Create(scalar.Value);
    }
}
