using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keelson.Cli.Api;

/// <summary>
/// The certificates of a <c>--server-crt</c> PEM file: the server's own certificate (pinned), or the CA that issued
/// it. A certificate the system trusts is accepted as well, as without the flag.
/// </summary>
public sealed class ServerCertificate
{
    private readonly X509Certificate2Collection _certificates;

    private ServerCertificate(X509Certificate2Collection certificates) => _certificates = certificates;

    /// <summary>Null when no file is given; a clear error when it cannot be read or holds no certificate.</summary>
    public static ServerCertificate? Load(string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new App.CliException($"--server-crt {path}: {ex.Message}");
        }
        if (certificates.Count == 0) throw new App.CliException($"--server-crt {path}: no PEM certificate (-----BEGIN CERTIFICATE-----) in the file");
        return new ServerCertificate(certificates);
    }

    public bool Accepts(X509Certificate? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (presented is null) return false;
        var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        if (_certificates.Any(c => c.RawData.AsSpan().SequenceEqual(leaf.RawData))) return true;
        // Issued by a CA of the file: it must still be issued for the name the CLI called.
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_certificates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
