using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Keelson.Kustomize;

/// <summary>
/// Words a YAML syntax error as go-yaml (libyaml's Go port) does: <c>yaml: line N: problem</c>, or <c>yaml: problem</c>
/// when go-yaml's line is 0. YamlDotNet is a libyaml port too, so most failures have a libyaml twin; the text is
/// re-parsed here, tracking the open collections, because go-yaml numbers some errors by the enclosing block and
/// YamlDotNet's exception only carries the offending token.
/// <para>
/// go-yaml keeps two marks per error: the <i>context</i> mark (where the enclosing construct began: the block mapping
/// for "did not find expected key", the flow collection for "did not find expected ',' or ']'", the quoted scalar for
/// "found unexpected end of stream") and the <i>problem</i> mark (where scanning stopped). yaml.v3 (kyaml, resource
/// files) prints the context line when it is not 0, else the problem line; yaml.v2 (sigs.k8s.io/yaml, the
/// kustomization file) prints the problem line when it is not 0, else the context line. Both add 1 to 0-based lines
/// for scanner errors (only parser errors print the 0-based line).
/// </para>
/// </summary>
internal static partial class GoYamlErrors
{
    /// <summary>Which go-yaml reads the text: v3 (kyaml, resources) or v2 (sigs.k8s.io/yaml, the kustomization).</summary>
    public enum Flavor
    {
        V2,
        V3,
    }

    /// <summary>
    /// Re-parses <paramref name="text"/> (LF line ends) and returns go-yaml's message for the first syntax error, or
    /// null when YamlDotNet reads it without error. With v3 only the first document is read, as kyaml decodes one
    /// document per separated part.
    /// </summary>
    public static string? Describe(string text, Flavor flavor)
    {
        var parser = new Parser(new StringReader(text));
        var open = new List<ParsingEvent>();
        ParsingEvent? last = null;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                if (e is MappingStart or SequenceStart) open.Add(e);
                else if (e is MappingEnd or SequenceEnd && open.Count > 0) open.RemoveAt(open.Count - 1);
                last = e;
                if (flavor == Flavor.V3 && e is DocumentEnd) return null;
            }
            return null;
        }
        catch (YamlException e)
        {
            return Map(text, flavor, e, open, last);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way inside an unterminated flow collection.
            return Unterminated(text, flavor, open, last);
        }
    }

    /// <summary>
    /// go-yaml refuses a tab in the indentation of a document's first content line; YamlDotNet reads it (a tab is
    /// only refused where a block's indentation is known). Returns go-yaml's message, or null.
    /// </summary>
    public static string? FirstLineTab(string text)
    {
        var line = 0;
        foreach (var content in text.Split('\n'))
        {
            var trimmed = content.TrimStart(' ', '\t');
            if (trimmed.Length > 0 && trimmed[0] != '#')
                return content.Length > trimmed.Length && content[..^trimmed.Length].Contains('\t', StringComparison.Ordinal)
                    ? Format(line == 0 ? 0 : line + 1, "found character that cannot start any token")
                    : null;
            line++;
        }
        return null;
    }

    private static string Map(string text, Flavor flavor, YamlException e, List<ParsingEvent> open, ParsingEvent? last)
    {
        // YamlDotNet marks are 1-based; go-yaml's are 0-based.
        var problem = (int)e.Start.Line - 1;
        var message = e.Message;
        if (message.Contains("did not find expected key", StringComparison.Ordinal))
        {
            if (IsRequiredKey(text, e, open))
            {
                // A plain key at the mapping's indentation with no ':' before the line ends: libyaml's stale simple key.
                return Scanner(flavor, context: problem, problem: NextTokenLine(text, e.End), "could not find expected ':'");
            }
            var mapping = open.LastOrDefault(o => o is MappingStart);
            return Parser(flavor, context: mapping is null ? 0 : (int)mapping.Start.Line - 1, problem, "did not find expected key");
        }
        if (message.Contains("found invalid mapping", StringComparison.Ordinal))
            return Scanner(flavor, problem, problem, "mapping values are not allowed in this context");
        if (message.Contains("found invalid tab as indentation", StringComparison.Ordinal))
        {
            // YamlDotNet gives no position; libyaml stops at the first tab that begins a line's indentation.
            var line = IndentingTabLine(text, last is null ? 0 : (int)last.End.Index);
            return Scanner(flavor, line, line, "found character that cannot start any token");
        }
        if (message.Contains("found a tab character that violate indentation", StringComparison.Ordinal))
            return Scanner(flavor, problem, (int)e.End.Line - 1, "found a tab character that violates indentation");
        if (message.Contains("found unexpected end of stream", StringComparison.Ordinal))
            return Scanner(flavor, problem, LineAt(text, text.Length), "found unexpected end of stream");
        if (message.Contains("multi-line double-quoted scalar, found wrong indentation", StringComparison.Ordinal)
            && !Closes(text, (int)e.Start.Index))
        {
            // go-yaml does not check a quoted scalar's indentation; it reads on to the end of the stream.
            return Scanner(flavor, problem, LineAt(text, text.Length), "found unexpected end of stream");
        }
        if (message.Contains("could not find expected ':'", StringComparison.Ordinal))
            return Scanner(flavor, problem, NextTokenLine(text, e.End), "could not find expected ':'");
        if (message.Contains("did not find expected ',' or ']'", StringComparison.Ordinal)
            || message.Contains("did not find expected ',' or '}'", StringComparison.Ordinal))
        {
            var flow = open.LastOrDefault();
            var what = message.Contains(']', StringComparison.Ordinal) ? "did not find expected ',' or ']'" : "did not find expected ',' or '}'";
            return Parser(flavor, context: flow is null ? problem : (int)flow.Start.Line - 1, problem, what);
        }
        var words = Words(message);
        return e is SyntaxErrorException || !message.StartsWith("While parsing", StringComparison.Ordinal)
            ? Scanner(flavor, problem, problem, words)
            : Parser(flavor, problem, problem, words);
    }

    private static string Unterminated(string text, Flavor flavor, List<ParsingEvent> open, ParsingEvent? last)
    {
        var flow = open.LastOrDefault(o => o is MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow });
        var lastLine = last is null ? 0 : (int)last.End.Line - 1;
        if (flow is null) return Parser(flavor, lastLine, lastLine, "did not find expected node content");
        var what = flow is MappingStart ? "did not find expected ',' or '}'" : "did not find expected ',' or ']'";
        // go-yaml stops at the first ':' that ends a (multi-line) plain scalar after the collection began; v2 prints that line.
        var start = (int)flow.Start.Line - 1;
        return Parser(flavor, start, ValueIndicatorLine(text, (int)flow.Start.Index) ?? LineAt(text, text.Length), what);
    }

    /// <summary>A go-yaml parser error: v3 prints the context line (else the problem line), v2 the problem line (else the context line).</summary>
    private static string Parser(Flavor flavor, int context, int problem, string what) => Format(Pick(flavor, context, problem), what);

    /// <summary>A go-yaml scanner error: as <see cref="Parser"/>, with the 0-based line made 1-based.</summary>
    private static string Scanner(Flavor flavor, int context, int problem, string what)
    {
        var line = Pick(flavor, context, problem);
        return Format(line == 0 ? 0 : line + 1, what);
    }

    private static int Pick(Flavor flavor, int context, int problem) => flavor == Flavor.V3
        ? (context != 0 ? context : problem)
        : (problem != 0 ? problem : context);

    private static string Format(int line, string what) => line > 0 ? $"yaml: line {line}: {what}" : $"yaml: {what}";

    /// <summary>YamlDotNet's "While scanning X, found Y." as libyaml's problem text "found Y".</summary>
    private static string Words(string message)
    {
        var text = WhilePrefix().Replace(message, "").TrimEnd('.');
        text = Spaces().Replace(text, " ");
        return text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
    }

    /// <summary>
    /// Whether the token YamlDotNet refused stands where a key must (at the innermost block mapping's column) and is
    /// a key candidate (not a '-' entry): libyaml then reports the key's missing ':' rather than a missing key.
    /// </summary>
    private static bool IsRequiredKey(string text, YamlException e, List<ParsingEvent> open)
    {
        if (open.LastOrDefault() is not MappingStart { Style: not MappingStyle.Flow } mapping) return false;
        if (e.Start.Column != mapping.Start.Column) return false;
        var at = (int)e.Start.Index;
        if (at >= text.Length) return false;
        var c = text[at];
        var next = at + 1 < text.Length ? text[at + 1] : '\n';
        return !(c == '-' && next is ' ' or '\n' or '\t') && !(c is '?' or ':' && next is ' ' or '\n' or '\t');
    }

    /// <summary>The 0-based line of the first token after <paramref name="end"/> (skipping blanks and comments), or of the end of the text.</summary>
    private static int NextTokenLine(string text, Mark end)
    {
        var i = (int)end.Index;
        while (i < text.Length)
        {
            if (text[i] is ' ' or '\t' or '\n' or '\r') i++;
            else if (text[i] == '#')
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else break;
        }
        return LineAt(text, i);
    }

    /// <summary>The 0-based line of the first line at or after <paramref name="from"/> whose indentation holds a tab.</summary>
    private static int IndentingTabLine(string text, int from)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(Math.Min(from, text.Length) - 1, 0)) + 1;
        if (from == 0) lineStart = 0;
        for (var i = lineStart; i < text.Length;)
        {
            var j = i;
            while (j < text.Length && text[j] == ' ') j++;
            if (j < text.Length && text[j] == '\t' && j >= from) return LineAt(text, j);
            var end = text.IndexOf('\n', j);
            if (end < 0) break;
            i = end + 1;
        }
        return LineAt(text, Math.Min(from, text.Length));
    }

    /// <summary>The 0-based line of the first ':' followed by a blank after <paramref name="from"/>, or null.</summary>
    private static int? ValueIndicatorLine(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == ':' && (i + 1 == text.Length || text[i + 1] is ' ' or '\n' or '\t')) return LineAt(text, i);
        }
        return null;
    }

    /// <summary>Whether the double-quoted scalar opening at <paramref name="start"/> has a closing quote.</summary>
    private static bool Closes(string text, int start)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == '"') return true;
        }
        return false;
    }

    private static int LineAt(string text, int index)
    {
        var line = 0;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n') line++;
        }
        return line;
    }

    [GeneratedRegex(@"^While [^,]*, ", RegexOptions.CultureInvariant)]
    private static partial Regex WhilePrefix();

    [GeneratedRegex(" {2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
