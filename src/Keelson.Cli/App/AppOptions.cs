using System.CommandLine;

namespace Keelson.Cli.App;

/// <summary>The options every `keelson app` verb takes: which cluster, which namespace holds the Applications, colour.</summary>
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

    public AppOptions() => Color.AcceptOnlyFromAmong("auto", "always", "never");

    public void AddTo(Command command)
    {
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(Namespace);
        command.Options.Add(Color);
        command.Options.Add(Clusters);
    }
}
