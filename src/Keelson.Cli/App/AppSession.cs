using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using Keelson.Engine;
using Keelson.Engine.Kube;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Cli.App;

/// <summary>
/// One `keelson app` invocation's connection to the control cluster in kubeconfig mode: the Applications of one
/// namespace, read and changed through the Kubernetes API with the kubeconfig's rights, driving the engine as Argo CD's
/// server does (a sync is the <c>operation</c> field, a refresh the refresh annotation). Turns the API's failures into
/// <see cref="CliException"/>s that say what to do.
/// </summary>
public sealed partial class AppSession : IAppBackend
{
    private readonly string[] _clusterContexts;
    private ApiResource? _type;
    private ClusterRegistry? _clusters;

    private AppSession(KubeClient client, string ns, string kubeconfigPath, Terminal terminal, string[] clusterContexts)
    {
        _clusterContexts = clusterContexts;
        Client = client;
        Namespace = ns;
        KubeconfigPath = kubeconfigPath;
        Terminal = terminal;
    }

    public KubeClient Client { get; }

    /// <summary>The control namespace, where the Applications live.</summary>
    public string Namespace { get; }

    public string KubeconfigPath { get; }

    public Terminal Terminal { get; }

    /// <summary>Who is recorded as having started operations (<c>initiatedBy.username</c>).</summary>
    public static string UserName => Environment.UserName is { Length: > 0 } user ? user : "keelson";

    public static AppSession Open(ParseResult parse, AppOptions options)
    {
        var path = KubeconfigMerge.Require(parse.GetValue(options.Kubeconfig));
        var terminal = Terminal.Create(parse.GetValue(options.Color));
        KubeClient client;
        try
        {
            client = KubeClient.FromKubeconfig(path, parse.GetValue(options.Context));
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException($"cannot read the kubeconfig: {ex.Message}");
        }
        return new AppSession(client, parse.GetValue(options.Namespace)!, path, terminal, parse.GetValue(options.Clusters) ?? []);
    }

    /// <summary>The Application resource type as the cluster serves it.</summary>
    public async Task<ApiResource> ApplicationTypeAsync(CancellationToken cancellationToken)
    {
        if (_type is not null) return _type;
        _type = await Call(() => Client.FindAsync(ArgoAnnotations.ApiVersion, "Application", cancellationToken))
            ?? throw new CliException($"the cluster at {Client.Server} does not serve {ArgoAnnotations.ApiVersion} Application: is the engine running against it (`keelson up`, `keelson controller`)?");
        return _type;
    }

    /// <summary>Reads one Application; not found is an error that says how to list them.</summary>
    public async Task<JsonObject> GetAsync(string name, CancellationToken cancellationToken)
    {
        var type = await ApplicationTypeAsync(cancellationToken);
        return await Call(() => Client.GetAsync(type, Namespace, name, cancellationToken)) ?? throw NotFound(name);
    }

    public async Task<JsonObject?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var type = await ApplicationTypeAsync(cancellationToken);
        return await Call(() => Client.GetAsync(type, Namespace, name, cancellationToken));
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(string? selector, IReadOnlyList<string> projects, CancellationToken cancellationToken)
    {
        var type = await ApplicationTypeAsync(cancellationToken);
        var (items, _) = await Call(() => Client.ListAsync(type, Namespace, selector, cancellationToken));
        return items.Where(raw => projects.Count == 0 || projects.Contains(Application.Parse(raw).Spec.ProjectName, StringComparer.Ordinal))
            .OrderBy(i => i.GetName(), StringComparer.Ordinal).ToList();
    }

    /// <summary>Merge-patches an Application (RFC 7386: null removes a key).</summary>
    public async Task<JsonObject> PatchAsync(string name, JsonObject patch, CancellationToken cancellationToken)
    {
        var type = await ApplicationTypeAsync(cancellationToken);
        try
        {
            return await Call(() => Client.MergePatchAsync(type, Namespace, name, patch, cancellationToken: cancellationToken));
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            throw NotFound(name);
        }
    }

    public CliException NotFound(string name) =>
        new($"application '{name}' not found in namespace {Namespace} (list them with `keelson app list`{(Namespace == "argocd" ? "" : $" -N {Namespace}")})");

    /// <summary>Runs a request, turning a connection failure into a message that names the server and the kubeconfig.</summary>
    public async Task<T> Call<T>(Func<Task<T>> request)
    {
        try
        {
            return await request();
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot connect to the cluster at {Client.Server} (kubeconfig {KubeconfigPath}): {ex.Message}. Is it running? Start it with `keelson up`, or pass --kubeconfig/--context.");
        }
        catch (KubeApiException ex) when (ex.Code is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new CliException($"the cluster at {Client.Server} refused the credentials of kubeconfig {KubeconfigPath} ({ex.Reason}): {ex.Message}");
        }
    }

    /// <summary>The destination clusters: the control cluster as in-cluster, and the kubeconfig contexts named with --cluster.</summary>
    public ClusterRegistry Clusters
    {
        get
        {
            if (_clusters is not null) return _clusters;
            var registry = new ClusterRegistry(Client);
            try
            {
                registry.AddKubeconfigContexts(KubeconfigPath, _clusterContexts);
            }
            catch (InvalidOperationException ex)
            {
                registry.Dispose();
                throw new CliException($"--cluster: {ex.Message}");
            }
            return _clusters = registry;
        }
    }

    public void Dispose()
    {
        _clusters?.Dispose();
        Client.Dispose();
    }
}
