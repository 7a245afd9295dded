using System.Text;

namespace Keelson.Server.Auth;

/// <summary>
/// Password hashes as Argo CD writes them: bcrypt, <c>$2a$</c>, cost 10 (AC: util/password). Verification takes a
/// bcrypt's time whatever the input, including a malformed or empty hash, so a caller that verifies
/// <see cref="UnknownUserHash"/> for an unknown user answers in the time a known one takes.
/// </summary>
public static class PasswordHasher
{
    public const int Cost = 10;

    /// <summary>bcrypt reads at most this many bytes of a password; Go's refuses longer ones, and so does <see cref="Hash"/>.</summary>
    public const int MaxPasswordBytes = 72;

    private static readonly Lazy<string> Dummy = new(() => Hash("for_consistent_response_time"));

    /// <summary>A real hash of a fixed password, to verify against when there is no account (or no hash) to check.</summary>
    public static string UnknownUserHash => Dummy.Value;

    /// <summary>A new salted hash; throws <see cref="ArgumentException"/> for an empty password or one over 72 bytes.</summary>
    public static string Hash(string password)
    {
        if (password.Length == 0) throw new ArgumentException("blank passwords are not allowed", nameof(password));
        if (Encoding.UTF8.GetByteCount(password) > MaxPasswordBytes) throw new ArgumentException($"password length exceeds {MaxPasswordBytes} bytes", nameof(password));
        return BCrypt.Net.BCrypt.HashPassword(password, BCrypt.Net.BCrypt.GenerateSalt(Cost, 'a'));
    }

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="hash"/>. An empty password never matches. A hash
    /// bcrypt cannot read is replaced by <see cref="UnknownUserHash"/> so the answer (false) takes as long as a real check.
    /// </summary>
    public static bool Verify(string password, string hash)
    {
        var readable = IsBcrypt(hash);
        bool matches;
        try
        {
            matches = BCrypt.Net.BCrypt.Verify(password.Length == 0 ? "-" : password, readable ? hash : UnknownUserHash);
        }
        catch (Exception ex) when (ex is BCrypt.Net.SaltParseException or ArgumentException)
        {
            return false;
        }
        return matches && readable && password.Length > 0;
    }

    private static bool IsBcrypt(string hash) =>
        hash.Length == 60 && hash[0] == '$' && hash[1] == '2' && hash[3] == '$' && hash[2] is 'a' or 'b' or 'y';
}
