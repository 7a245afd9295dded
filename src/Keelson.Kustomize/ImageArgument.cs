namespace Keelson.Kustomize;

/// <summary>
/// One <c>images</c> entry as <c>kustomize edit set image</c> takes it on the command line:
/// <c>NAME=NEWNAME[:TAG][@DIGEST]</c>, <c>NAME:TAG</c>, <c>NAME@DIGEST</c>, <c>NAME:TAG@DIGEST</c>. A <c>*</c> as new
/// name, tag or digest keeps the value the kustomization already has.
/// </summary>
public sealed record ImageArgument(string Name, string NewName, string NewTag, string Digest)
{
    public const string Preserve = "*";

    public const string InvalidFormat = """
        invalid format of image, use one of the following options:
        - <image>=<newimage>:<newtag>
        - <image>=<newimage>@<digest>
        - <image>=<newimage>:<newtag>@<digest>
        - <image>=<newimage>
        - <image>:<newtag>
        - <image>:<newtag>@<digest>
        - <image>@<digest>
        """;

    public static ImageArgument Parse(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        var key = equals < 0 ? "" : argument[..equals];
        var value = equals < 0 ? argument : argument[(equals + 1)..];
        var (name, tag, digest) = Split(value);
        if (name == argument) throw new KustomizeException(InvalidFormat);
        return key.Length == 0
            ? new ImageArgument(name, "", tag, digest)
            : new ImageArgument(key, name, tag, digest);
    }

    /// <summary>An image reference into name, tag and digest; a ':' before the first '/' is a registry port.</summary>
    public static (string Name, string Tag, string Digest) Split(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var offset = slash > 0 ? slash : 0;
        var search = image[offset..];
        var at = search.IndexOf('@', StringComparison.Ordinal);
        var colon = search.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 && at < 0) return (image, "", "");
        if (at >= 0 && (at < colon || colon < 0))
            return (image[..(at + offset)], "", image[(at + offset + 1)..]);
        if (at >= 0 && colon >= 0)
            return (image[..(colon + offset)], image[(colon + offset + 1)..(at + offset)], image[(at + offset + 1)..]);
        return (image[..(colon + offset)], image[(colon + offset + 1)..], "");
    }
}
