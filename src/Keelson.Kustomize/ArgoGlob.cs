using System.Text;
using System.Text.RegularExpressions;

namespace Keelson.Kustomize;

/// <summary>
/// The glob syntax of Argo CD's <c>directory.include</c>/<c>exclude</c> (gobwas/glob compiled without separators):
/// <c>*</c> and <c>**</c> match any run of characters, '/' included; <c>?</c> one character; <c>[abc]</c>,
/// <c>[a-z]</c>, <c>[!abc]</c> character classes; <c>{a,b}</c> alternatives (which may nest); <c>\</c> escapes.
/// The whole path relative to the application directory must match. An invalid pattern matches nothing, as in Argo CD.
/// </summary>
public static class ArgoGlob
{
    public static bool IsMatch(string pattern, string path) => Compile(pattern)?.IsMatch(path) ?? false;

    /// <summary>The pattern as an anchored regular expression, or null when the pattern is invalid.</summary>
    public static Regex? Compile(string pattern)
    {
        var sb = new StringBuilder("^");
        var i = 0;
        var depth = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i++];
            switch (c)
            {
                case '*':
                    while (i < pattern.Length && pattern[i] == '*') i++;
                    sb.Append("(?s:.*)");
                    break;
                case '?':
                    sb.Append("(?s:.)");
                    break;
                case '\\':
                    if (i >= pattern.Length) return null;
                    sb.Append(Regex.Escape(pattern[i++].ToString()));
                    break;
                case '[':
                    var end = pattern.IndexOf(']', i);
                    if (end < 0) return null;
                    var body = pattern[i..end];
                    i = end + 1;
                    var negate = body.StartsWith('!');
                    if (negate) body = body[1..];
                    if (body.Length == 0) return null;
                    sb.Append('[');
                    if (negate) sb.Append('^');
                    foreach (var ch in body) sb.Append(ch is '\\' or ']' or '[' or '^' ? "\\" + ch : ch.ToString());
                    sb.Append(']');
                    break;
                case '{':
                    depth++;
                    sb.Append("(?:");
                    break;
                case ',' when depth > 0:
                    sb.Append('|');
                    break;
                case '}' when depth > 0:
                    depth--;
                    sb.Append(')');
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        if (depth != 0) return null;
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
