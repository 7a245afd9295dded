using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Resources.Serialization;

/// <summary>
/// Emits block-style YAML the way kubectl and kustomize print manifests: keys in their order, list items at the
/// indentation of their parent key, strings quoted only when a YAML 1.1 reader would misread them.
/// </summary>
internal static class YamlWriter
{
    public static void WriteDocument(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject { Count: > 0 } map: WriteMap(sb, map, 0, inline: false); break;
            case JsonArray { Count: > 0 } list: WriteList(sb, list, 0, inline: false); break;
            default: WriteScalar(sb, node, 2); break;
        }
    }

    private static void WriteMap(StringBuilder sb, JsonObject map, int indent, bool inline)
    {
        var first = true;
        foreach (var (key, value) in map)
        {
            if (!(first && inline)) sb.Append(' ', indent);
            first = false;
            sb.Append(FormatInlineString(key)).Append(':');
            switch (value)
            {
                case JsonObject { Count: > 0 } child:
                    sb.Append('\n');
                    WriteMap(sb, child, indent + 2, inline: false);
                    break;
                case JsonArray { Count: > 0 } list:
                    sb.Append('\n');
                    WriteList(sb, list, indent, inline: false);
                    break;
                default:
                    sb.Append(' ');
                    WriteScalar(sb, value, indent + 2);
                    break;
            }
        }
    }

    private static void WriteList(StringBuilder sb, JsonArray list, int indent, bool inline)
    {
        var first = true;
        foreach (var item in list)
        {
            if (!(first && inline)) sb.Append(' ', indent);
            first = false;
            sb.Append("- ");
            switch (item)
            {
                case JsonObject { Count: > 0 } map: WriteMap(sb, map, indent + 2, inline: true); break;
                case JsonArray { Count: > 0 } nested: WriteList(sb, nested, indent + 2, inline: true); break;
                default: WriteScalar(sb, item, indent + 2); break;
            }
        }
    }

    /// <summary>Writes a scalar (or an empty collection) and its line end; multi-line strings become literal blocks at <paramref name="blockIndent"/>.</summary>
    private static void WriteScalar(StringBuilder sb, JsonNode? node, int blockIndent)
    {
        switch (node)
        {
            case null: sb.Append("null\n"); return;
            case JsonObject: sb.Append("{}\n"); return;
            case JsonArray: sb.Append("[]\n"); return;
        }
        var value = (JsonValue)node;
        switch (value.GetValueKind())
        {
            case JsonValueKind.Null: sb.Append("null\n"); return;
            case JsonValueKind.True: sb.Append("true\n"); return;
            case JsonValueKind.False: sb.Append("false\n"); return;
            case JsonValueKind.Number: sb.Append(FormatNumber(value)).Append('\n'); return;
        }
        var text = value.GetValue<string>();
        if (text.Contains('\n') && CanBeLiteralBlock(text))
        {
            var body = text.TrimEnd('\n');
            var trailing = text.Length - body.Length;
            sb.Append(trailing switch { 0 => "|-", 1 => "|", _ => "|+" }).Append('\n');
            foreach (var line in body.Split('\n'))
            {
                if (line.Length > 0) sb.Append(' ', blockIndent).Append(line);
                sb.Append('\n');
            }
            for (var i = 1; i < trailing; i++) sb.Append('\n');
            return;
        }
        sb.Append(FormatInlineString(text)).Append('\n');
    }

    private static string FormatNumber(JsonValue value)
    {
        if (value.TryGetValue<double>(out var d))
        {
            if (double.IsNaN(d)) return ".nan";
            if (double.IsPositiveInfinity(d)) return ".inf";
            if (double.IsNegativeInfinity(d)) return "-.inf";
        }
        return value.ToJsonString();
    }

    private static bool CanBeLiteralBlock(string text)
    {
        var body = text.TrimEnd('\n');
        if (body.Length == 0) return false;
        var lines = body.Split('\n');
        var firstContent = lines.FirstOrDefault(l => l.Length > 0);
        if (firstContent is null || firstContent[0] is ' ' or '\t') return false;
        foreach (var line in lines)
        {
            if (line.Length > 0 && string.IsNullOrWhiteSpace(line)) return false;
            foreach (var c in line)
            {
                if (NeedsEscape(c) && c != '\t') return false;
            }
        }
        return true;
    }

    public static string FormatInlineString(string text) => CanBePlain(text) ? text : DoubleQuoted(text);

    private static bool CanBePlain(string s)
    {
        if (s.Length == 0 || s == "<<") return false;
        if (YamlScalars.ResolvesToNonString(s)) return false;
        if (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1])) return false;
        if ("-?:".Contains(s[0]) && (s.Length == 1 || char.IsWhiteSpace(s[1]))) return false;
        if (",[]{}#&*!|>'\"%@`".Contains(s[0])) return false;
        if (s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal)) return false;
        if (s.EndsWith(':') || s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal)) return false;
        foreach (var c in s)
        {
            if (c == '\t' || NeedsEscape(c)) return false;
        }
        return true;
    }

    private static bool NeedsEscape(char c) =>
        c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF';

    private static string DoubleQuoted(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (NeedsEscape(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
