namespace Keelson.Cluster;

/// <summary>Renders a kubeconfig for the embedded cluster: cluster, user and context all named "keelson".</summary>
public static class Kubeconfig
{
    public static string Render(Uri server, string token, System.Security.Cryptography.X509Certificates.X509Certificate2 authority) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: keelson
          cluster:
            server: {server.GetLeftPart(UriPartial.Authority)}
            certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(authority.ExportCertificatePem()))}
        users:
        - name: keelson
          user:
            token: {token}
        contexts:
        - name: keelson
          context:
            cluster: keelson
            user: keelson
            namespace: default
        current-context: keelson
        preferences: {"{}"}

        """;

    /// <summary>~/.keelson/kubeconfig: where `keelson cluster start` writes by default.</summary>
    public static string DefaultPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keelson", "kubeconfig");
}
