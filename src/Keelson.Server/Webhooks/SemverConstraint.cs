using System.Text;
using System.Text.RegularExpressions;

namespace Keelson.Server.Webhooks;

/// <summary>
/// A version constraint in Masterminds/semver v3's syntax, which Argo CD checks a pushed tag against when a
/// <c>targetRevision</c> is not the tag itself: comparisons <c>=</c> <c>!=</c> <c>&gt;</c> <c>&lt;</c> <c>&gt;=</c>
/// <c>&lt;=</c> (also <c>=&gt;</c> <c>=&lt;</c>), <c>~</c> (<c>~&gt;</c>: same minor, or same major when the minor is
/// not given), <c>^</c> (same major, or same minor below 1.0), <c>x</c>/<c>X</c>/<c>*</c> wildcards and missing parts
/// (<c>1.2</c> = <c>1.2.x</c>, a bare version with a wildcard meaning <c>~</c>), hyphen ranges (<c>1.2 - 1.4.5</c>),
/// AND by space or comma, OR by <c>||</c>.
/// </summary>
/// <remarks>
/// As in Masterminds, a prerelease version satisfies an AND group only when one of the group's versions has a
/// prerelease too: <c>^1.2.0</c> does not take <c>1.3.0-rc.1</c>, <c>&gt;=1.3.0-0</c> does.
/// </remarks>
public sealed partial class SemverConstraint
{
    // Two-character operators first, so that '>=' is not read as '>' followed by '=1.2'.
    private static readonly string[] Operators = ["!=", ">=", "=>", "<=", "=<", "~>", "=", ">", "<", "~", "^"];

    private readonly string _text;
    private readonly List<Group> _groups;

    private SemverConstraint(string text, List<Group> groups)
    {
        _text = text;
        _groups = groups;
    }

    /// <summary>Where a version's given parts end: <c>x</c> → Major, <c>1</c> or <c>1.x</c> → Minor, <c>1.2</c> → Patch.</summary>
    private enum WildcardFrom
    {
        None,
        Major,
        Minor,
        Patch,
    }

    [GeneratedRegex(@"\s*(v?[0-9xX*|]+(?:\.[0-9xX*|]+){0,2}(?:-[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*)?(?:\+[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*)?)\s+-\s+(v?[0-9xX*|]+(?:\.[0-9xX*|]+){0,2}(?:-[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*)?(?:\+[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*)?)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex HyphenRange();

    /// <summary>Reads a constraint; false for anything else (a branch name, a commit SHA with letters, an empty string).</summary>
    public static bool TryParse(string text, out SemverConstraint constraint)
    {
        constraint = null!;
        var groups = new List<Group>();
        var rewritten = HyphenRange().Replace(text, m => $">= {m.Groups[1].Value}, <= {m.Groups[2].Value} ");
        foreach (var alternative in rewritten.Split("||"))
        {
            if (ParseGroup(alternative) is not { } group) return false;
            groups.Add(group);
        }
        constraint = new(text, groups);
        return true;
    }

    /// <summary>Whether any OR group has every one of its terms satisfied by <paramref name="version"/>.</summary>
    public bool IsSatisfiedBy(SemverVersion version) =>
        _groups.Any(g => g.Terms.All(t => (version.Prerelease.Length == 0 || g.TakesPrereleases) && t.IsSatisfiedBy(version)));

    public override string ToString() => _text;

    private static Group? ParseGroup(string text)
    {
        var terms = new List<Term>();
        var pos = SkipSpace(text, 0);
        while (true)
        {
            var op = Operator(text, ref pos);
            pos = SkipSpace(text, pos);
            if (Version(text, ref pos) is not var (version, wildcard)) return null;
            terms.Add(new(op, version, wildcard));
            var afterVersion = pos;
            pos = SkipSpace(text, pos);
            if (pos == text.Length) break;
            if (text[pos] == ',') pos = SkipSpace(text, pos + 1);
            else if (pos == afterVersion) return null;
        }
        return new(terms, terms.Any(t => t.Version.Prerelease.Length > 0));
    }

    private static string Operator(string text, ref int pos)
    {
        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(text, pos, op, 0, op.Length) != 0) continue;
            pos += op.Length;
            return op;
        }
        return "";
    }

    /// <summary>
    /// A version with up to three parts, the first wildcard or missing part setting where the wildcard starts (parts
    /// after it are read and ignored, as Masterminds does); null when the text there is not one.
    /// </summary>
    private static (SemverVersion Version, WildcardFrom Wildcard)? Version(string text, ref int pos)
    {
        var start = pos;
        if (pos < text.Length && text[pos] == 'v') pos++;
        var parts = new List<string>();
        do
        {
            if (parts.Count > 0) pos++;
            var partStart = pos;
            while (pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] is 'x' or 'X' or '*' or '|')) pos++;
            if (pos == partStart) return null;
            parts.Add(text[partStart..pos]);
        }
        while (parts.Count < 3 && pos + 1 < text.Length && text[pos] == '.' && (char.IsAsciiDigit(text[pos + 1]) || text[pos + 1] is 'x' or 'X' or '*' or '|'));
        var suffixStart = pos;
        if (pos < text.Length && text[pos] == '-' && !Identifiers(text, ref pos)) return null;
        var prerelease = text[suffixStart..pos];
        var metadataStart = pos;
        if (pos < text.Length && text[pos] == '+' && !Identifiers(text, ref pos)) return null;

        var wildcard = WildcardFrom.None;
        for (var i = 0; i < 3 && wildcard == WildcardFrom.None; i++)
        {
            if (i >= parts.Count || parts[i] is "x" or "X" or "*") wildcard = (WildcardFrom)(i + 1);
        }
        var given = wildcard == WildcardFrom.None ? 3 : (int)wildcard - 1;
        if (parts.Take(given).Any(p => !p.All(char.IsAsciiDigit))) return null;
        var numbers = new StringBuilder();
        for (var i = 0; i < 3; i++) numbers.Append(i > 0 ? "." : "").Append(i < given ? parts[i] : "0");
        // With a wildcard the metadata is dropped, the prerelease kept.
        var exact = numbers + prerelease + (wildcard == WildcardFrom.None ? text[metadataStart..pos] : "");
        return SemverVersion.TryParse(exact, out var version) ? (version, wildcard) : null;
    }

    /// <summary>A <c>-</c> or <c>+</c> and dot-separated identifiers of letters, digits and hyphens.</summary>
    private static bool Identifiers(string text, ref int pos)
    {
        do
        {
            pos++;
            var start = pos;
            while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '-')) pos++;
            if (pos == start) return false;
        }
        while (pos + 1 < text.Length && text[pos] == '.' && (char.IsAsciiLetterOrDigit(text[pos + 1]) || text[pos + 1] == '-'));
        return true;
    }

    /// <summary>Skips RE2's <c>\s</c>: space, tab, newline, carriage return, form feed.</summary>
    private static int SkipSpace(string text, int pos)
    {
        while (pos < text.Length && text[pos] is ' ' or '\t' or '\n' or '\r' or '\f') pos++;
        return pos;
    }

    private sealed record Group(List<Term> Terms, bool TakesPrereleases);

    private sealed record Term(string Op, SemverVersion Version, WildcardFrom Wildcard)
    {
        private bool Dirty => Wildcard != WildcardFrom.None;

        private bool MinorDirty => Wildcard == WildcardFrom.Minor;

        private bool PatchDirty => Wildcard == WildcardFrom.Patch;

        public bool IsSatisfiedBy(SemverVersion v) => Op switch
        {
            "" or "=" => Dirty ? Tilde(v) : v.CompareTo(Version) == 0,
            "!=" => NotEqual(v),
            ">" => GreaterThan(v),
            "<" => v.CompareTo(Version) < 0,
            ">=" or "=>" => v.CompareTo(Version) >= 0,
            "<=" or "=<" => LessThanOrEqual(v),
            "~" or "~>" => Tilde(v),
            _ => Caret(v),
        };

        private bool NotEqual(SemverVersion v)
        {
            if (Dirty)
            {
                if (v.Major != Version.Major) return true;
                if (MinorDirty) return false;
                if (v.Minor != Version.Minor) return true;
                if (PatchDirty)
                    return (v.Prerelease.Length > 0 || Version.Prerelease.Length > 0) && SemverVersion.ComparePrerelease(v.Prerelease, Version.Prerelease) != 0;
                if (v.Patch != Version.Patch) return true;
            }
            return v.CompareTo(Version) != 0;
        }

        private bool GreaterThan(SemverVersion v)
        {
            if (!Dirty || Wildcard == WildcardFrom.Major) return v.CompareTo(Version) > 0;
            if (v.Major != Version.Major) return v.Major > Version.Major;
            // >1 wants 2 or more, >1.2 wants 1.3 or more.
            return PatchDirty && v.Minor > Version.Minor;
        }

        private bool LessThanOrEqual(SemverVersion v)
        {
            if (!Dirty) return v.CompareTo(Version) <= 0;
            if (v.Major > Version.Major) return false;
            return !(v.Major == Version.Major && v.Minor > Version.Minor && !MinorDirty);
        }

        /// <summary>At or above the version, with the same major and (when the minor is given) the same minor.</summary>
        private bool Tilde(SemverVersion v)
        {
            if (v.CompareTo(Version) < 0) return false;
            if (Version is { Major: 0, Minor: 0, Patch: 0 } && !MinorDirty && !PatchDirty) return true;
            return v.Major == Version.Major && (MinorDirty || v.Minor == Version.Minor);
        }

        /// <summary>At or above the version, not past its leftmost non-zero part (or its last given one).</summary>
        private bool Caret(SemverVersion v)
        {
            if (v.CompareTo(Version) < 0) return false;
            if (Version.Major > 0 || MinorDirty) return v.Major == Version.Major;
            if (v.Major > 0) return false;
            if (Version.Minor > 0 || PatchDirty) return v.Minor == Version.Minor;
            if (v.Minor > 0) return false;
            return v.Patch == Version.Patch;
        }
    }
}
