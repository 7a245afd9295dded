using System.Text.Json.Nodes;
using Keelson.Engine.Kube;
using Keelson.Resources;
using Keelson.Server.Rbac;
using Microsoft.Extensions.Logging;

namespace Keelson.Server.Settings;

/// <summary>
/// The RBAC in force: <c>argocd-rbac-cm</c>'s policy, <c>argocd-cm</c>'s RBAC options and the AppProjects' roles, read
/// from the control namespace and recompiled only when one of them changes. A policy that does not parse is refused
/// whole — logged with the key and line — and the last valid one stays in force.
/// </summary>
public sealed partial class RbacService : IAsyncDisposable
{
    private readonly KubeClient _client;
    private readonly string _namespace;
    private readonly ILogger _logger;
    private readonly RbacPolicyHolder _holder = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _interval;
    private RbacEnforcer _enforcer = new(RbacPolicy.Empty);
    private string _seen = "";
    private Task? _loop;

    public RbacService(KubeClient client, string controlNamespace, ILogger logger, TimeSpan? interval = null)
    {
        _client = client;
        _namespace = controlNamespace;
        _logger = logger;
        _interval = interval ?? TimeSpan.FromMilliseconds(500);
    }

    /// <summary>The enforcer for the configuration as last read.</summary>
    public RbacEnforcer Enforcer => Volatile.Read(ref _enforcer);

    /// <summary>Why the newest policy was refused, if it was (the previous one is in force).</summary>
    public string? LastError => _holder.LastError;

    /// <summary>Reads the configuration once, then keeps re-reading it in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    /// <summary>Reads the configuration now (tests, and a change the server made itself).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var configMaps = await _client.FindAsync("v1", "ConfigMap", cancellationToken);
        var projectsType = await _client.FindAsync("argoproj.io/v1alpha1", "AppProject", cancellationToken);
        var rbacCm = configMaps is null ? null : await _client.GetAsync(configMaps, _namespace, "argocd-rbac-cm", cancellationToken);
        var argoCm = configMaps is null ? null : await _client.GetAsync(configMaps, _namespace, "argocd-cm", cancellationToken);
        var projects = projectsType is null ? [] : (await _client.ListAsync(projectsType, _namespace, null, cancellationToken)).Items;
        var fingerprint = string.Join("|", rbacCm?.GetResourceVersion(), argoCm?.GetResourceVersion(), string.Join(",", projects.Select(p => p.GetResourceVersion())));
        if (fingerprint == _seen) return;
        _seen = fingerprint;

        var loaded = _holder.Load(Data(rbacCm));
        if (!loaded.IsValid) LogPolicyRefused(_logger, loaded.ErrorMessage);
        var projectPolicies = new List<ProjectPolicy>();
        foreach (var project in projects)
        {
            try
            {
                projectPolicies.Add(ProjectPolicy.FromAppProject(project));
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
            {
                LogProjectRefused(_logger, project.GetName() ?? "?", ex.Message);
            }
        }
        Volatile.Write(ref _enforcer, new RbacEnforcer(_holder.Current, projectPolicies, RbacEnforcerOptions.FromArgoCdConfigMap(Data(argoCm))));
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_interval, cancellationToken);
                await RefreshAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is KubeApiException or HttpRequestException or IOException)
            {
                LogReadFailed(_logger, ex.Message);
            }
        }
    }

    private static Dictionary<string, string> Data(JsonObject? configMap) =>
        (configMap?["data"] as JsonObject ?? []).Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "argocd-rbac-cm refused, the previous policy stays in force: {Reason}")]
    private static partial void LogPolicyRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "AppProject {Project}: its roles are refused: {Reason}")]
    private static partial void LogProjectRefused(ILogger logger, string project, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the RBAC configuration failed: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string reason);
}
