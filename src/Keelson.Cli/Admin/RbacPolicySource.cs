using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Cli.App;
using Keelson.Engine.Kube;
using Keelson.Resources;
using Keelson.Resources.Serialization;
using Keelson.Server.Rbac;

namespace Keelson.Cli.Admin;

/// <summary>
/// Where `keelson admin rbac` reads the policy: <c>--policy-file</c> (a policy CSV, or YAML holding the
/// argocd-rbac-cm ConfigMap), else the argocd-rbac-cm ConfigMap of <c>--namespace</c> in the cluster of the
/// kubeconfig (found as `keelson app` finds it).
/// </summary>
public sealed class RbacPolicySource
{
    public Option<string?> PolicyFile { get; } = new("--policy-file") { Description = "A policy CSV file, or a YAML file holding the argocd-rbac-cm ConfigMap (default: read argocd-rbac-cm from the cluster)." };

    public Option<string?> Namespace { get; } = new("--namespace", "-n") { Description = "The namespace of argocd-rbac-cm in the cluster (default: argocd)." };

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "The kubeconfig of the cluster (default: as kubectl — $KUBECONFIG, else ~/.kube/config; else ~/.keelson/kubeconfig).",
    };

    public Option<string?> Context { get; } = new("--context") { Description = "The kubeconfig context (default: its current context)." };

    public void AddTo(Command command)
    {
        command.Options.Add(PolicyFile);
        command.Options.Add(Namespace);
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
    }

    /// <summary>Reads the policy; the text of its policy keys tells an empty policy apart. Throws <see cref="CliException"/>.</summary>
    public async Task<(RbacPolicyParseResult Result, bool Empty)> LoadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var file = parse.GetValue(PolicyFile);
        if (file is not null && parse.GetValue(Namespace) is not null)
            throw new CliException("give --policy-file or --namespace, not both");
        var data = file is not null ? ReadFile(file) : await ReadClusterAsync(parse, cancellationToken);
        var empty = RbacPolicy.PolicyKeys(data).All(k => string.IsNullOrWhiteSpace(data[k]));
        return (RbacPolicy.Parse(data), empty);
    }

    /// <summary>A file's ConfigMap data: the ConfigMap it holds (argocd-rbac-cm when it holds several), else its text as policy.csv.</summary>
    private static Dictionary<string, string> ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read the policy file: {ex.Message}");
        }
        List<JsonObject> configMaps;
        try
        {
            configMaps = YamlDocuments.Parse(text, path).OfType<JsonObject>().Where(o => o.GetKind() == "ConfigMap" || o["data"] is JsonObject).ToList();
        }
        catch (YamlFormatException)
        {
            configMaps = [];
        }
        if (configMaps.Count == 0) return new Dictionary<string, string>(StringComparer.Ordinal) { [RbacPolicy.PolicyCsvKey] = text };
        return RbacPolicy.ConfigMapData(configMaps.FirstOrDefault(c => c.GetName() == RbacPolicy.ConfigMapName) ?? configMaps[0]);
    }

    private async Task<Dictionary<string, string>> ReadClusterAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(Kubeconfig) ?? KubeconfigMerge.ResolveDefault();
        var ns = parse.GetValue(Namespace) ?? "argocd";
        if (!File.Exists(path))
            throw new CliException($"no kubeconfig at {path}: pass --policy-file FILE, or --kubeconfig PATH of the cluster Argo CD (or `keelson up`) runs in");
        KubeClient client;
        try
        {
            client = KubeClient.FromKubeconfig(path, parse.GetValue(Context));
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException($"cannot read the kubeconfig: {ex.Message}");
        }
        using (client)
        {
            JsonObject? configMap;
            try
            {
                configMap = await client.GetAsync("v1", "ConfigMap", ns, RbacPolicy.ConfigMapName, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new CliException($"cannot connect to the cluster at {client.Server} (kubeconfig {path}): {ex.Message}");
            }
            catch (KubeApiException ex)
            {
                throw new CliException($"the cluster at {client.Server} refused to read configmap {RbacPolicy.ConfigMapName} in {ns} ({ex.Reason}): {ex.Message}");
            }
            return RbacPolicy.ConfigMapData(configMap
                ?? throw new CliException($"configmap {RbacPolicy.ConfigMapName} not found in namespace {ns} of the cluster at {client.Server}"));
        }
    }
}
