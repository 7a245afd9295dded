using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Keelson.Server.Webhooks;

/// <summary>The checks of a request's signature, token or UUID against a configured secret, all in constant time.</summary>
internal static class WebhookSignature
{
    /// <summary>
    /// Whether <paramref name="hex"/> (either case) is the HMAC of <paramref name="body"/> keyed with
    /// <paramref name="secret"/>; false for anything that is not hex of the right length.
    /// </summary>
    public static bool HmacMatches(HashAlgorithmName algorithm, string secret, ReadOnlySpan<byte> body, string hex)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var expected = algorithm == HashAlgorithmName.SHA1 ? HMACSHA1.HashData(key, body) : HMACSHA256.HashData(key, body);
        Span<byte> given = stackalloc byte[expected.Length];
        if (hex.Length != expected.Length * 2) return false;
        if (Convert.FromHexString(hex, given, out _, out var written) != OperationStatus.Done || written != expected.Length) return false;
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>
    /// Whether two shared values (a GitLab token, a Bitbucket hook UUID, basic-auth credentials) are equal. Both are
    /// hashed first so that neither their contents nor their lengths show in the time taken.
    /// </summary>
    public static bool SecretEquals(string given, string configured) =>
        CryptographicOperations.FixedTimeEquals(SHA512.HashData(Encoding.UTF8.GetBytes(given)), SHA512.HashData(Encoding.UTF8.GetBytes(configured)));
}
