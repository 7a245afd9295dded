using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Keelson.Kustomize;

/// <summary>
/// Writes resources as <c>kustomize build</c> prints them (JSON → YAML through go-yaml v2): keys sorted, sequences
/// not indented under their key, strings that would read back as another type double-quoted, strings that cannot
/// be plain single-quoted, multi-line strings as literal blocks, documents separated by <c>---</c>.
/// </summary>
public static partial class KustomizeYamlWriter
{
    /// <summary>All documents, separated by "---\n" (none before the first).</summary>
    public static string WriteAll(IEnumerable<JsonObject> documents)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var document in documents)
        {
            if (!first) sb.Append("---\n");
            first = false;
            Write(sb, document);
        }
        return sb.ToString();
    }

    /// <summary>One document.</summary>
    public static void Write(StringBuilder sb, JsonObject document)
    {
        if (document.Count == 0) sb.Append("{}\n");
        else WriteMap(sb, document, 0, inline: false);
    }

    private static void WriteMap(StringBuilder sb, JsonObject map, int indent, bool inline)
    {
        var first = true;
        foreach (var key in map.Select(p => p.Key).Order(YamlKeyOrder.Instance))
        {
            var value = map[key];
            if (!(first && inline)) sb.Append(' ', indent);
            first = false;
            sb.Append(FormatString(key, isKey: true)).Append(':');
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
        if (text.Contains('\n') && LiteralAllowed(text))
        {
            var body = text.TrimEnd('\n');
            var trailing = text.Length - body.Length;
            // A leading space needs an explicit indentation indicator, as the emitter writes it.
            sb.Append('|').Append(text[0] is ' ' or '\n' ? "2" : "").Append(trailing switch { 0 => "-", 1 => "", _ => "+" }).Append('\n');
            foreach (var line in body.Split('\n'))
            {
                if (line.Length > 0) sb.Append(' ', blockIndent).Append(line);
                sb.Append('\n');
            }
            for (var i = 1; i < trailing; i++) sb.Append('\n');
            return;
        }
        AppendString(sb, text, blockIndent);
        sb.Append('\n');
    }

    /// <summary>The emitter's preferred line width: plain and quoted scalars break at a space past this column.</summary>
    private const int BestWidth = 80;

    /// <summary>Writes a value string in the style <see cref="FormatString"/> picks, folding long lines at spaces as go-yaml v2 does.</summary>
    private static void AppendString(StringBuilder sb, string text, int indent)
    {
        var formatted = FormatString(text, isKey: false);
        var column = sb.Length - (sb.ToString().LastIndexOf('\n') + 1);
        if (column + formatted.Length <= BestWidth || !text.Contains(' '))
        {
            sb.Append(formatted);
            return;
        }
        var quote = formatted[0] is '\'' or '"' && formatted.Length >= 2 && formatted[^1] == formatted[0] && formatted != text ? formatted[0] : '\0';
        if (quote == '\0') sb.Append(Fold(text, column, indent, quoted: false));
        else if (quote == '\'') sb.Append('\'').Append(Fold(text, column + 1, indent, quoted: true, escape: c => c == '\'' ? "''" : null)).Append('\'');
        else sb.Append(FoldDoubleQuoted(text, column, indent));
    }

    private static string Fold(string text, int column, int indent, bool quoted, Func<char, string?>? escape = null)
    {
        var sb = new StringBuilder();
        var spaces = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ')
            {
                var nextIsSpace = i + 1 < text.Length && text[i + 1] == ' ';
                var edge = quoted && (i == 0 || i == text.Length - 1);
                if (!spaces && column > BestWidth && !nextIsSpace && !edge)
                {
                    sb.Append('\n').Append(' ', indent);
                    column = indent;
                }
                else
                {
                    sb.Append(' ');
                    column++;
                }
                spaces = true;
                continue;
            }
            var written = escape?.Invoke(c) ?? c.ToString();
            sb.Append(written);
            column += written.Length;
            spaces = false;
        }
        return sb.ToString();
    }

    private static string FoldDoubleQuoted(string text, int column, int indent)
    {
        var sb = new StringBuilder("\"");
        column++;
        var spaces = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ')
            {
                if (!spaces && column > BestWidth && i != 0 && i != text.Length - 1)
                {
                    sb.Append('\n').Append(' ', indent);
                    column = indent;
                    if (i + 1 < text.Length && text[i + 1] == ' ')
                    {
                        sb.Append('\\');
                        column++;
                    }
                }
                else
                {
                    sb.Append(' ');
                    column++;
                }
                spaces = true;
                continue;
            }
            var written = DoubleQuoted(c.ToString())[1..^1];
            sb.Append(written);
            column += written.Length;
            spaces = false;
        }
        return sb.Append('"').ToString();
    }

    private static string FormatNumber(JsonValue value) => value.ToJsonString();

    /// <summary>Whether the emitter accepts a literal block for this multi-line string.</summary>
    private static bool LiteralAllowed(string text)
    {
        var analysis = Analyze(text);
        return analysis.BlockAllowed;
    }

    private static string FormatString(string text, bool isKey)
    {
        if (text.Contains('\n'))
            return DoubleQuoted(text);
        if (ResolvesToNonString(text)) return DoubleQuoted(text);
        var analysis = Analyze(text);
        if (analysis.PlainAllowed) return text;
        if (analysis.SingleAllowed) return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
        return DoubleQuoted(text);
    }

    private readonly record struct ScalarAnalysis(bool PlainAllowed, bool SingleAllowed, bool BlockAllowed);

    /// <summary>libyaml's scalar analysis for the block context, reduced to the three answers the writer needs.</summary>
    private static ScalarAnalysis Analyze(string s)
    {
        if (s.Length == 0) return new ScalarAnalysis(false, true, false);
        var blockIndicators = s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal);
        bool special = false, multiline = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        var precededByWhitespace = true;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var followedByWhitespace = i + 1 >= s.Length || s[i + 1] is ' ' or '\t' or '\n' or '\r';
            if (i == 0)
            {
                if ("#,[]{}&*!|>'\"%@`".Contains(c)) blockIndicators = true;
                if (c is '?' or ':' && followedByWhitespace) blockIndicators = true;
                if (c == '-' && followedByWhitespace) blockIndicators = true;
            }
            else
            {
                if (c == ':' && followedByWhitespace) blockIndicators = true;
                if (c == '#' && precededByWhitespace) blockIndicators = true;
            }
            if (!IsPrintable(c)) special = true;
            if (c == '\n' || c == '\r') multiline = true;
            if (c == ' ')
            {
                if (i == 0) leadingSpace = true;
                if (i == s.Length - 1) trailingSpace = true;
                if (previousBreak) breakSpace = true;
                previousSpace = true;
                previousBreak = false;
            }
            else if (c == '\n' || c == '\r')
            {
                if (i == 0) leadingBreak = true;
                if (i == s.Length - 1) trailingBreak = true;
                if (previousSpace) spaceBreak = true;
                previousBreak = true;
                previousSpace = false;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = c is ' ' or '\t' or '\n' or '\r';
        }
        bool plain = true, single = true, block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) plain = false;
        if (trailingSpace) block = false;
        if (breakSpace)
        {
            plain = false;
            single = false;
        }
        if (spaceBreak || special)
        {
            plain = false;
            single = false;
            block = false;
        }
        if (multiline) plain = false;
        if (blockIndicators) plain = false;
        return new ScalarAnalysis(plain, single, block);
    }

    private static bool IsPrintable(char c) =>
        c == '\n' || (c >= 0x20 && c <= 0x7E) || c == 0x85 ||
        (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) || char.IsSurrogate(c);

    private static string DoubleQuoted(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
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
                    if (!IsPrintable(c) || c == '\t') sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static readonly HashSet<string> Specials =
    [
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
        "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
        "", "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<",
    ];

    /// <summary>True when go-yaml v2 would read this plain scalar as something other than a string.</summary>
    internal static bool ResolvesToNonString(string s)
    {
        if (Specials.Contains(s)) return true;
        var c = s[0];
        if (!(char.IsAsciiDigit(c) || c is '+' or '-' or '.')) return false;
        var plain = s.Replace("_", "", StringComparison.Ordinal);
        return IntLike().IsMatch(plain) || FloatLike().IsMatch(plain) || Base60().IsMatch(s) || Timestamp().IsMatch(s);
    }

    [GeneratedRegex(@"^[-+]?(0b[01]+|0o?[0-7]+|0x[0-9a-fA-F]+|[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntLike();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatLike();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Base60();

    [GeneratedRegex(@"^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?([Tt ].*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();
}
