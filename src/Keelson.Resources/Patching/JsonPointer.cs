using System.Globalization;
using System.Text.Json.Nodes;

namespace Keelson.Resources.Patching;

/// <summary>An RFC 6901 JSON Pointer split into its unescaped reference tokens.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0) return new JsonPointer(text, []);
        if (text[0] != '/') throw new PatchException($"invalid JSON pointer '{text}': must be empty or start with '/'");
        var tokens = new List<string>();
        foreach (var raw in text[1..].Split('/'))
        {
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '~' && (i + 1 >= raw.Length || (raw[i + 1] != '0' && raw[i + 1] != '1')))
                    throw new PatchException($"invalid JSON pointer '{text}': '~' must be followed by 0 or 1");
            }
            tokens.Add(raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }
        return new JsonPointer(text, tokens);
    }

    /// <summary>True when this pointer names a strict descendant of <paramref name="other"/>.</summary>
    public bool IsInside(JsonPointer other) =>
        Tokens.Count > other.Tokens.Count && other.Tokens.Select((t, i) => t == Tokens[i]).All(x => x);

    /// <summary>Parses an array index token; "-" is only allowed when <paramref name="allowEnd"/> (it then means Count).</summary>
    public int ArrayIndex(string token, int count, bool allowEnd)
    {
        if (token == "-" && allowEnd) return count;
        var valid = token.Length > 0 && token.All(char.IsAsciiDigit) && (token.Length == 1 || token[0] != '0');
        if (!valid || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            throw new PatchException($"path '{Text}': '{token}' is not a valid array index");
        if (index > count || (index == count && !allowEnd))
            throw new PatchException($"path '{Text}': index {index} is out of range (array length {count})");
        return index;
    }

    /// <summary>The node the pointer names, or a <see cref="PatchException"/> when any step is missing.</summary>
    public JsonNode? Resolve(JsonNode? root)
    {
        var node = root;
        foreach (var token in Tokens)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array => array[ArrayIndex(token, array.Count, allowEnd: false)],
                _ => throw new PatchException($"path '{Text}' does not exist"),
            };
        }
        return node;
    }

    /// <summary>The container holding the last token.</summary>
    public JsonNode Parent(JsonNode? root)
    {
        var node = root;
        for (var i = 0; i < Tokens.Count - 1; i++)
        {
            var token = Tokens[i];
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array => array[ArrayIndex(token, array.Count, allowEnd: false)],
                _ => throw new PatchException($"path '{Text}' does not exist"),
            };
        }
        return node is JsonObject or JsonArray ? node : throw new PatchException($"path '{Text}': parent is not an object or array");
    }
}
