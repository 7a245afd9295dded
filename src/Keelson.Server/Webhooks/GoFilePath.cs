using System.Text;

namespace Keelson.Server.Webhooks;

/// <summary>
/// The parts of Go's <c>path/filepath</c> (on Linux: <c>/</c> is the only separator) that Argo CD's refresh-path
/// check relies on, with Go's semantics: <see cref="Clean"/>, <see cref="Join"/>, <see cref="Dir"/> and
/// <see cref="Match"/>.
/// </summary>
internal static class GoFilePath
{
    /// <summary>
    /// The shortest lexically equal path: one <c>/</c> between names, no <c>.</c>, each <c>name/..</c> removed,
    /// <c>..</c> at the root dropped; <c>.</c> for an empty result. No trailing <c>/</c> but for the root.
    /// </summary>
    public static string Clean(string path)
    {
        if (path.Length == 0) return ".";
        var rooted = path[0] == '/';
        var names = new List<string>();
        foreach (var name in path.Split('/'))
        {
            if (name.Length == 0 || name == ".") continue;
            if (name == "..")
            {
                if (names.Count > 0 && names[^1] != "..") names.RemoveAt(names.Count - 1);
                else if (!rooted) names.Add(name);
                continue;
            }
            names.Add(name);
        }
        var joined = string.Join('/', names);
        if (rooted) return "/" + joined;
        return joined.Length == 0 ? "." : joined;
    }

    /// <summary>The non-empty elements joined with <c>/</c> and cleaned; empty when every element is.</summary>
    public static string Join(params string[] elements)
    {
        var parts = elements.Where(e => e.Length > 0).ToArray();
        return parts.Length == 0 ? "" : Clean(string.Join('/', parts));
    }

    /// <summary>All but the last element, cleaned: <c>/a/b</c> → <c>/a</c>, <c>/a</c> → <c>/</c>, <c>a</c> → <c>.</c>.</summary>
    public static string Dir(string path) => Clean(path[..(path.LastIndexOf('/') + 1)]);

    /// <summary>
    /// Go's <c>filepath.Match</c>: whether the whole of <paramref name="name"/> matches <paramref name="pattern"/>, where
    /// <c>*</c> is any run of non-<c>/</c> characters, <c>?</c> one non-<c>/</c> character, <c>[abc]</c>,
    /// <c>[a-z]</c>, <c>[^a-z]</c> one character of (or not of) a class, and <c>\</c> escapes. A malformed pattern
    /// (an unclosed or empty class, a trailing <c>\</c>) matches nothing.
    /// </summary>
    /// <remarks>
    /// Matched a chunk at a time — the text up to the next <c>*</c> — trying each start a star allows, with no
    /// backtracking into earlier chunks: linear in practice whatever the pattern, which matters since the names come
    /// from an untrusted payload.
    /// </remarks>
    public static bool Match(string pattern, string name)
    {
        var p = pattern.AsSpan();
        var n = name.AsSpan();
        while (p.Length > 0)
        {
            var star = false;
            while (p.Length > 0 && p[0] == '*')
            {
                p = p[1..];
                star = true;
            }
            var chunkLength = ChunkLength(p);
            var chunk = p[..chunkLength];
            p = p[chunkLength..];

            // A trailing star matches the rest of the name unless it crosses a separator.
            if (star && chunk.IsEmpty) return n.IndexOf('/') < 0;

            var result = MatchChunk(chunk, n, out var rest);
            if (result == ChunkResult.Bad) return false;
            // A chunk matched here is kept unless it is the last one and leaves some of the name unmatched.
            if (result == ChunkResult.Matched && (rest.IsEmpty || p.Length > 0))
            {
                n = rest;
                continue;
            }
            if (!star) return false;

            var advanced = false;
            for (var i = 0; i < n.Length && n[i] != '/'; i++)
            {
                result = MatchChunk(chunk, n[(i + 1)..], out rest);
                if (result == ChunkResult.Bad) return false;
                if (result != ChunkResult.Matched || (p.Length == 0 && !rest.IsEmpty)) continue;
                n = rest;
                advanced = true;
                break;
            }
            if (!advanced) return false;
        }
        return n.IsEmpty;
    }

    private enum ChunkResult
    {
        Matched,
        Failed,
        Bad,
    }

    /// <summary>The length of the pattern up to the next <c>*</c> outside a class.</summary>
    private static int ChunkLength(ReadOnlySpan<char> pattern)
    {
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    inClass = true;
                    break;
                case ']':
                    inClass = false;
                    break;
                case '*' when !inClass:
                    return i;
            }
        }
        return pattern.Length;
    }

    /// <summary>
    /// Matches a chunk (no <c>*</c>) at the start of <paramref name="name"/>; the unmatched remainder in
    /// <paramref name="rest"/>. Once the match has failed the chunk is still read to the end, to tell a malformed one.
    /// </summary>
    private static ChunkResult MatchChunk(ReadOnlySpan<char> chunk, ReadOnlySpan<char> name, out ReadOnlySpan<char> rest)
    {
        rest = default;
        var failed = false;
        while (chunk.Length > 0)
        {
            if (!failed && name.IsEmpty) failed = true;
            switch (chunk[0])
            {
                case '[':
                    var rune = default(Rune);
                    if (!failed) name = name[TakeRune(name, out rune)..];
                    chunk = chunk[1..];
                    var negated = chunk.Length > 0 && chunk[0] == '^';
                    if (negated) chunk = chunk[1..];
                    var inClass = false;
                    for (var ranges = 0; ; ranges++)
                    {
                        if (chunk.Length > 0 && chunk[0] == ']' && ranges > 0)
                        {
                            chunk = chunk[1..];
                            break;
                        }
                        if (!TakeClassChar(ref chunk, out var lo)) return ChunkResult.Bad;
                        var hi = lo;
                        if (chunk[0] == '-')
                        {
                            chunk = chunk[1..];
                            if (!TakeClassChar(ref chunk, out hi)) return ChunkResult.Bad;
                        }
                        if (lo <= rune && rune <= hi) inClass = true;
                    }
                    if (inClass == negated) failed = true;
                    break;
                case '?':
                    if (!failed)
                    {
                        if (name[0] == '/') failed = true;
                        name = name[TakeRune(name, out _)..];
                    }
                    chunk = chunk[1..];
                    break;
                case '\\':
                    chunk = chunk[1..];
                    if (chunk.IsEmpty) return ChunkResult.Bad;
                    if (!failed)
                    {
                        if (chunk[0] != name[0]) failed = true;
                        name = name[1..];
                    }
                    chunk = chunk[1..];
                    break;
                default:
                    if (!failed)
                    {
                        if (chunk[0] != name[0]) failed = true;
                        name = name[1..];
                    }
                    chunk = chunk[1..];
                    break;
            }
        }
        if (failed) return ChunkResult.Failed;
        rest = name;
        return ChunkResult.Matched;
    }

    /// <summary>One character of a class, escaped or not; false when the class ends too soon or has a bare <c>-</c> or <c>]</c>.</summary>
    private static bool TakeClassChar(ref ReadOnlySpan<char> chunk, out Rune rune)
    {
        rune = default;
        if (chunk.IsEmpty || chunk[0] is '-' or ']') return false;
        if (chunk[0] == '\\')
        {
            chunk = chunk[1..];
            if (chunk.IsEmpty) return false;
        }
        chunk = chunk[TakeRune(chunk, out rune)..];
        // A class must be closed: something has to follow.
        return !chunk.IsEmpty;
    }

    /// <summary>The first character (a surrogate pair counting as one, as Go reads runes) and its length.</summary>
    private static int TakeRune(ReadOnlySpan<char> text, out Rune rune)
    {
        if (Rune.DecodeFromUtf16(text, out rune, out var length) != System.Buffers.OperationStatus.Done) rune = Rune.ReplacementChar;
        return Math.Max(length, 1);
    }
}
