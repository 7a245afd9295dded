using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keelson.Cluster;

/// <summary>
/// The embedded API server's TLS identity: a self-signed ECDSA certificate for 127.0.0.1 and localhost. kubectl
/// sends bearer tokens only over TLS, so the server always speaks HTTPS, and the kubeconfig carries this
/// certificate as its certificate authority. Kept in the data directory so kubeconfigs stay valid across restarts.
/// </summary>
public static class ServingCertificate
{
    private const string CertFile = "serving.crt";
    private const string KeyFile = "serving.key";

    /// <summary>Loads the certificate kept in <paramref name="directory"/>, or creates one (in memory only when null).</summary>
    public static X509Certificate2 LoadOrCreate(string? directory)
    {
        if (directory is not null)
        {
            var certPath = Path.Combine(directory, CertFile);
            var keyPath = Path.Combine(directory, KeyFile);
            if (File.Exists(certPath) && File.Exists(keyPath))
            {
                var loaded = X509Certificate2.CreateFromPemFile(certPath, keyPath);
                if (loaded.NotAfter > DateTime.UtcNow.AddDays(1)) return Exportable(loaded);
            }
            var created = Create();
            File.WriteAllText(certPath, created.ExportCertificatePem());
            File.WriteAllText(keyPath, created.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return created;
        }
        return Create();
    }

    private static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=keelson-apiserver", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        names.AddDnsName("keelson");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        return Exportable(cert);
    }

    /// <summary>A copy whose private key TLS can use on every platform (ephemeral keys cannot always be).</summary>
    private static X509Certificate2 Exportable(X509Certificate2 cert) =>
        X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
}
