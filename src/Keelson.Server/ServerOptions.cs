using System.Security.Cryptography.X509Certificates;

namespace Keelson.Server;

/// <summary>How to start a <see cref="KeelsonServer"/>.</summary>
public sealed class ServerOptions
{
    /// <summary>TCP port on 127.0.0.1 (0 picks a free one); Argo CD's UI is usually reached on 8080.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>The HTTPS certificate; a self-signed one for localhost is made when null.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The namespace of the Applications, AppProjects and Argo CD's ConfigMaps and Secrets.</summary>
    public string ControlNamespace { get; init; } = "argocd";

    /// <summary>How long <c>GET …/applications/NAME?refresh=normal</c> waits for the reconcile it asked for.</summary>
    public TimeSpan RefreshTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Login limits and token lifetimes (Argo CD's defaults).</summary>
    public Auth.SessionOptions? Session { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public const long DefaultMaxRequestBodyBytes = 16 * 1024 * 1024;

    /// <summary>The largest request body the API reads (16 MiB); a larger one is refused with 413 before it is parsed. Webhooks have their own limit (<c>webhook.maxPayloadSizeMB</c>).</summary>
    public long MaxRequestBodyBytes { get; init; } = DefaultMaxRequestBodyBytes;
}
