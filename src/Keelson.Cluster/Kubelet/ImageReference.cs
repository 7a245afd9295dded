using System.Security.Cryptography;
using System.Text;

namespace Keelson.Cluster.Kubelet;

/// <summary>Container image references as containerd names them ("nginx" → "docker.io/library/nginx:latest").</summary>
public static class ImageReference
{
    /// <summary>
    /// The fully qualified reference: a registry ("docker.io" when the first component is not a host), "library/" for
    /// official Docker Hub images, and ":latest" when neither a tag nor a digest is given.
    /// </summary>
    public static string Normalize(string image)
    {
        var reference = image.Trim();
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : reference[..slash];
        var hasRegistry = slash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        if (!hasRegistry)
        {
            reference = slash < 0 ? "docker.io/library/" + reference : "docker.io/" + reference;
        }
        var lastSlash = reference.LastIndexOf('/');
        var last = reference[(lastSlash + 1)..];
        if (!last.Contains(':', StringComparison.Ordinal) && !last.Contains('@', StringComparison.Ordinal)) reference += ":latest";
        return reference;
    }

    /// <summary>A stable, made-up content digest for a reference ("sha256:…"), so imageID reads as a real one.</summary>
    public static string Digest(string normalized)
    {
        var at = normalized.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) return normalized[(at + 1)..];
        return "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized))).ToLowerInvariant();
    }

    /// <summary>The repository without tag or digest ("docker.io/library/nginx").</summary>
    public static string Repository(string normalized)
    {
        var at = normalized.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? normalized[..at] : normalized;
        var lastSlash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        return colon > lastSlash ? name[..colon] : name;
    }

    /// <summary>The imageID a kubelet reports for a pulled image: "docker-pullable://docker.io/library/nginx@sha256:…".</summary>
    public static string ImageId(string normalized) => $"docker-pullable://{Repository(normalized)}@{Digest(normalized)}";

    /// <summary>
    /// A ConfigMap data key for a reference: ConfigMap keys allow only letters, digits, '-', '_' and '.', so '/' becomes
    /// '_' and ':' and '@' become '-'. The value under the key is the reference itself, which is what counts.
    /// </summary>
    public static string CatalogKey(string normalized)
    {
        var chars = normalized.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                '/' => '_',
                ':' or '@' => '-',
                var c when char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' => c,
                _ => '-',
            };
        }
        return new string(chars);
    }
}
