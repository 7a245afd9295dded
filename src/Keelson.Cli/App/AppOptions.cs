using System.CommandLine;
using Keelson.Cli.Api;

namespace Keelson.Cli.App;

/// <summary>
/// The options every `keelson app` verb takes: the API server (<see cref="Api"/>) or the cluster (kubeconfig, context,
/// namespace of the Applications), colour.
/// </summary>
public sealed class AppOptions
{
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = KubeconfigMerge.OptionDescription,
        Recursive = true,
    };

    public Option<string?> Context { get; } = new("--context") { Description = "The kubeconfig context (default: its current context).", Recursive = true };

    public Option<string> Namespace { get; } = new("--namespace", "-N")
    {
        Description = "The namespace of the Applications (the control namespace).",
        DefaultValueFactory = _ => "argocd",
        Recursive = true,
    };

    public Option<string> Color { get; } = new("--color")
    {
        Description = "Colour output: auto (when writing to a terminal), always, never.",
        DefaultValueFactory = _ => "auto",
        Recursive = true,
    };

    public Option<string[]> Clusters { get; } = new("--cluster")
    {
        Description = "Another destination cluster, by kubeconfig context (repeatable), as `keelson controller --cluster` registers it.",
        Recursive = true,
    };

    /// <summary>--server, --auth-token, --insecure, --core: which backend the verbs use.</summary>
    public ApiOptions Api { get; } = new();

    public AppOptions() => Color.AcceptOnlyFromAmong("auto", "always", "never");

    public void AddTo(Command command)
    {
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(Namespace);
        command.Options.Add(Color);
        command.Options.Add(Clusters);
        Api.AddTo(command);
    }

    /// <summary>
    /// The backend for this invocation: the API server when one is named (flags, environment, login context) and
    /// neither --kubeconfig nor --core is given; else the kubeconfig.
    /// </summary>
    public IAppBackend Open(ParseResult parse)
    {
        var api = Api.Resolve(parse, kubeconfigGiven: parse.GetResult(Kubeconfig) is not null);
        return api is null ? AppSession.Open(parse, this) : new ServerBackend(api, Terminal.Create(parse.GetValue(Color)));
    }
}
