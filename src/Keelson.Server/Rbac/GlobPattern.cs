using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Keelson.Server.Rbac;

/// <summary>
/// A pattern of gobwas/glob compiled without separators, as Argo CD's RBAC matches in glob mode: <c>*</c> and
/// <c>**</c> match any run of characters, <c>/</c> included; <c>?</c> one character; <c>[abc]</c>, <c>[a-z]</c>,
/// <c>[!abc]</c>, <c>[!a-z]</c> one character of (or not of) a class; <c>{a,b}</c> alternatives, which may nest and
/// hold patterns; <c>\</c> escapes the next character. The whole value must match.
/// </summary>
/// <remarks>
/// gobwas's own quirks are kept: a class holds one range or a list of characters, not both (<c>[a-zA-Z]</c> is an
/// error, <c>[abc-z]</c> lists '-'); outside braces <c>,</c> and <c>}</c> are plain characters; braces left open at
/// the end close there. Literals, <c>*</c>, <c>prefix*</c>, <c>*suffix</c> and <c>prefix*suffix</c> are matched
/// without a regular expression.
/// </remarks>
public sealed class GlobPattern
{
    private readonly Shape _shape;
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly Regex? _regex;

    private GlobPattern(Shape shape, string prefix, string suffix, Regex? regex)
    {
        _shape = shape;
        _prefix = prefix;
        _suffix = suffix;
        _regex = regex;
    }

    private enum Shape
    {
        Literal,
        Any,
        Prefix,
        Suffix,
        PrefixSuffix,
        Regex,
    }

    /// <summary>Compiles a pattern; false with gobwas's reason (for an unclosed class, a reversed range…) when it is invalid.</summary>
    public static bool TryCompile(string pattern, out GlobPattern glob, out string error)
    {
        glob = null!;
        if (!new Parser(pattern).TryParse(out var nodes, out error)) return false;
        glob = FromNodes(nodes);
        return true;
    }

    public bool IsMatch(string value) => _shape switch
    {
        Shape.Literal => string.Equals(value, _prefix, StringComparison.Ordinal),
        Shape.Any => true,
        Shape.Prefix => value.StartsWith(_prefix, StringComparison.Ordinal),
        Shape.Suffix => value.EndsWith(_suffix, StringComparison.Ordinal),
        Shape.PrefixSuffix => value.Length >= _prefix.Length + _suffix.Length
            && value.StartsWith(_prefix, StringComparison.Ordinal) && value.EndsWith(_suffix, StringComparison.Ordinal),
        _ => _regex!.IsMatch(value),
    };

    private static GlobPattern FromNodes(List<Node> nodes)
    {
        // Adjacent texts are one text, adjacent stars one star: the shapes below then need no regex.
        var merged = new List<Node>();
        foreach (var node in nodes)
        {
            if (merged.Count > 0 && merged[^1] is Text previous && node is Text text) merged[^1] = new Text(previous.Value + text.Value);
            else if (!(merged.Count > 0 && merged[^1] is Star && node is Star)) merged.Add(node);
        }
        switch (merged)
        {
            case []:
                return new(Shape.Literal, "", "", null);
            case [Text t]:
                return new(Shape.Literal, t.Value, "", null);
            case [Star]:
                return new(Shape.Any, "", "", null);
            case [Text p, Star]:
                return new(Shape.Prefix, p.Value, "", null);
            case [Star, Text s]:
                return new(Shape.Suffix, "", s.Value, null);
            case [Text p, Star, Text s]:
                return new(Shape.PrefixSuffix, p.Value, s.Value, null);
        }
        var sb = new StringBuilder(@"\A(?:");
        Emit(sb, merged);
        sb.Append(@")\z");
        return new(Shape.Regex, "", "", new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking));
    }

    private static void Emit(StringBuilder sb, List<Node> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case Text t:
                    sb.Append(Regex.Escape(t.Value));
                    break;
                case Star:
                    sb.Append(".*");
                    break;
                case Single:
                    // One rune, as Go reads strings: a surrogate pair is one character.
                    sb.Append(@"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|.)");
                    break;
                case CharClass c:
                    sb.Append('[');
                    if (c.Not) sb.Append('^');
                    if (c.Range is var (lo, hi)) sb.Append(Escaped(lo)).Append('-').Append(Escaped(hi));
                    else foreach (var ch in c.Chars) sb.Append(Escaped(ch));
                    sb.Append(']');
                    break;
                case Alternatives a:
                    sb.Append("(?:");
                    for (var i = 0; i < a.Options.Count; i++)
                    {
                        if (i > 0) sb.Append('|');
                        Emit(sb, a.Options[i]);
                    }
                    sb.Append(')');
                    break;
            }
        }
    }

    private static string Escaped(char c) => @"\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    private abstract record Node;

    private sealed record Text(string Value) : Node;

    private sealed record Star : Node;

    private sealed record Single : Node;

    private sealed record CharClass(bool Not, string Chars, (char Lo, char Hi)? Range) : Node;

    private sealed record Alternatives(List<List<Node>> Options) : Node;

    /// <summary>gobwas's lexer and parser in one pass: the same breakers, the same errors.</summary>
    private sealed class Parser(string pattern)
    {
        private int _pos;

        public bool TryParse(out List<Node> nodes, out string error)
        {
            error = "";
            nodes = [];
            // The open alternatives, innermost last; each holds the options parsed so far.
            var open = new Stack<(Alternatives Group, List<Node> Outer)>();
            var current = nodes;
            while (_pos < pattern.Length)
            {
                var c = pattern[_pos];
                switch (c)
                {
                    case '{':
                        _pos++;
                        var group = new Alternatives([[]]);
                        current.Add(group);
                        open.Push((group, current));
                        current = group.Options[0];
                        break;
                    case ',' when open.Count > 0:
                        _pos++;
                        var options = open.Peek().Group.Options;
                        options.Add([]);
                        current = options[^1];
                        break;
                    case '}' when open.Count > 0:
                        _pos++;
                        current = open.Pop().Outer;
                        break;
                    case '[':
                        _pos++;
                        if (!TryClass(out var cls, out error)) return false;
                        current.Add(cls);
                        break;
                    case '?':
                        _pos++;
                        current.Add(new Single());
                        break;
                    case '*':
                        _pos++;
                        if (_pos < pattern.Length && pattern[_pos] == '*') _pos++;
                        current.Add(new Star());
                        break;
                    default:
                        var text = ReadText(open.Count > 0 ? "?*[{}," : "?*[{");
                        if (text.Length > 0) current.Add(new Text(text));
                        break;
                }
            }
            return true;
        }

        private string ReadText(string breakers)
        {
            var sb = new StringBuilder();
            var escaped = false;
            while (_pos < pattern.Length)
            {
                var c = pattern[_pos];
                if (!escaped)
                {
                    if (c == '\\')
                    {
                        escaped = true;
                        _pos++;
                        continue;
                    }
                    if (breakers.Contains(c, StringComparison.Ordinal)) break;
                }
                escaped = false;
                sb.Append(c);
                _pos++;
            }
            return sb.ToString();
        }

        private bool TryClass(out Node cls, out string error)
        {
            cls = null!;
            error = "";
            var not = false;
            if (_pos < pattern.Length && pattern[_pos] == '!')
            {
                not = true;
                _pos++;
            }
            if (_pos >= pattern.Length)
            {
                error = "unexpected end of input";
                return false;
            }
            if (_pos + 1 < pattern.Length && pattern[_pos + 1] == '-')
            {
                // lo-hi: the character after '-' is hi whatever it is, and ']' must follow.
                var lo = pattern[_pos];
                _pos += 2;
                if (_pos >= pattern.Length)
                {
                    error = "unexpected end of input";
                    return false;
                }
                var hi = pattern[_pos++];
                if (_pos >= pattern.Length || pattern[_pos] != ']')
                {
                    error = _pos >= pattern.Length ? "unexpected end of input" : "expected close range character";
                    return false;
                }
                _pos++;
                if (hi < lo)
                {
                    error = $"hi character '{hi}' should be greater than lo '{lo}'";
                    return false;
                }
                cls = new CharClass(not, "", (lo, hi));
                return true;
            }
            var chars = ReadText("]");
            if (_pos >= pattern.Length)
            {
                error = "unexpected end of input";
                return false;
            }
            _pos++;
            if (chars.Length == 0)
            {
                error = "could not parse range";
                return false;
            }
            cls = new CharClass(not, chars, null);
            return true;
        }
    }
}
