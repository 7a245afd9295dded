using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Keelson.Engine.Kube;
using Keelson.Server.Accounts;
using Keelson.Server.Applications;
using Keelson.Server.Auth;
using Keelson.Server.Clusters;
using Keelson.Server.Http;
using Keelson.Server.Projects;
using Keelson.Server.Repositories;
using Keelson.Server.Session;
using Keelson.Server.Settings;
using Keelson.Server.Streams;
using Keelson.Server.Ui;
using Keelson.Server.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Keelson.Server;

/// <summary>
/// Keelson's API server: Argo CD's REST API over HTTPS on 127.0.0.1, a thin face over the control cluster (where the
/// Applications, AppProjects and Argo CD's ConfigMaps and Secrets live) and the engine that acts on them.
/// </summary>
public sealed class KeelsonServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ApplicationCache _cache;
    private readonly RbacService _rbac;

    private readonly SessionManager _sessions;

    private KeelsonServer(WebApplication app, ApplicationCache cache, RbacService rbac, SessionManager sessions, Uri address, X509Certificate2 certificate)
    {
        _sessions = sessions;
        _app = app;
        _cache = cache;
        _rbac = rbac;
        BaseAddress = address;
        Certificate = certificate;
    }

    /// <summary>Where it listens, e.g. https://127.0.0.1:8080/.</summary>
    public Uri BaseAddress { get; }

    public X509Certificate2 Certificate { get; }

    public RbacService Rbac => _rbac;

    /// <summary>Sessions and accounts (logins, API keys), as the endpoints use them.</summary>
    public SessionManager Sessions => _sessions;

    /// <summary>Starts serving once the Applications are cached and the RBAC configuration is read.</summary>
    /// <remarks>
    /// On first start in a control namespace it creates Argo CD's <c>server.secretkey</c> and the admin account's random
    /// password (<c>argocd-initial-admin-secret</c>), as Argo CD's server does.
    /// </remarks>
    public static async Task<KeelsonServer> StartAsync(KubeClient control, ServerOptions? options = null,
        ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        options ??= new ServerOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        var certificate = options.Certificate ?? SelfSigned();
        var authSettings = new AuthSettingsStore(control, options.ControlNamespace, options.Time, loggerFactory.CreateLogger<AuthSettingsStore>());
        await authSettings.InitializeAsync(cancellationToken);
        var sessions = new SessionManager(authSettings, options.Session, loggerFactory.CreateLogger<SessionManager>());
        var cache = new ApplicationCache(control, options.ControlNamespace, loggerFactory.CreateLogger<ApplicationCache>());
        var rbac = new RbacService(control, options.ControlNamespace, loggerFactory.CreateLogger<RbacService>());
        cache.Start();
        try
        {
            await rbac.StartAsync(cancellationToken);
            await cache.Synced.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(loggerFactory);
            builder.Services.AddSingleton(options);
            builder.Services.AddSingleton(control);
            builder.Services.AddSingleton(cache);
            builder.Services.AddSingleton(rbac);
            builder.Services.AddSingleton(new Keelson.Engine.Customizations.ResourceCustomizationsSource());
            builder.Services.AddSingleton(authSettings);
            builder.Services.AddSingleton(sessions);
            builder.Services.AddSingleton<IAuthenticator>(new SessionAuthenticator(sessions, authSettings));
            builder.Services.AddSingleton(_ => new ApplicationSources(control, options));
            builder.WebHost.UseKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate));
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes + 1;
            });
            var app = builder.Build();
            app.UseMiddleware<UnhandledErrors>();
            app.UseMiddleware<ContentTypeGuard>();
            SettingsEndpoints.Map(app);
            ApplicationEndpoints.Map(app);
            ApplicationUpdateEndpoints.Map(app); ApplicationOperationEndpoints.Map(app); ApplicationResourceEndpoints.Map(app);
            ApplicationStreamEndpoints.Map(app);
            ApplicationReadEndpoints.Map(app); ApplicationLogEndpoints.Map(app); ResourceTreeStreamEndpoints.Map(app);
            SessionEndpoints.Map(app);
            AccountEndpoints.Map(app);
            WebhookEndpoints.Map(app);
            ProjectEndpoints.Map(app);
            ClusterEndpoints.Map(app);
            RepositoryEndpoints.Map(app);
            // Anything else under /api is Argo's NotFound, saying which path was asked for.
            app.MapFallback("/api/{**path}", (HttpContext context) =>
                ArgoError.NotFound($"no such API path: {context.Request.Method} {context.Request.Path} (Argo CD's REST paths are under /api/v1)"));
            UiAssets.Map(app);
            await app.StartAsync(cancellationToken);
            var address = new Uri(app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
            return new KeelsonServer(app, cache, rbac, sessions, address, certificate);
        }
        catch
        {
            sessions.Dispose();
            await rbac.DisposeAsync();
            await cache.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HttpClient for this server (trusting its certificate), as tests and the CLI use it.</summary>
    public HttpClient CreateHttpClient(string? bearer = null)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString();
        var http = new HttpClient(handler) { BaseAddress = BaseAddress };
        if (bearer is not null) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _rbac.DisposeAsync();
        await _cache.DisposeAsync();
        _sessions.Dispose();
    }

    /// <summary>A self-signed certificate for localhost and 127.0.0.1, valid for a year.</summary>
    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=keelson-server", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
