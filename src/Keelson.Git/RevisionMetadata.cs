namespace Keelson.Git;

/// <summary>
/// What a commit says about itself: <see cref="Author"/> as <c>Name &lt;email&gt;</c>, the author's
/// <see cref="Date"/>, the whole <see cref="Message"/>, and the <see cref="Tags"/> (short names, ordinal order) that
/// point at it, annotated ones peeled.
/// </summary>
public sealed record RevisionMetadata(string CommitSha, string Author, DateTimeOffset Date, string Message, IReadOnlyList<string> Tags);
