using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;
using Spectre.Console;

namespace Keelson.Cli.App;

/// <summary>
/// Where `keelson app` writes: standard output, coloured and live (Spectre.Console spinners and trees) only when it
/// is a terminal, plain text otherwise so that scripts and tests read stable columns. Progress goes to standard
/// error, so `-o json` output stays parseable.
/// </summary>
public sealed class Terminal
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly IAnsiConsole? _console;

    private Terminal(bool interactive, bool colour)
    {
        Interactive = interactive;
        Colour = colour;
        if (interactive)
        {
            _console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.Yes,
                Out = new AnsiConsoleOutput(Console.Error),
            });
        }
    }

    /// <summary>True when standard output and error are a terminal: live progress and trees are drawn.</summary>
    public bool Interactive { get; }

    /// <summary>True when output is coloured (a terminal, or <c>--color always</c>; never with NO_COLOR set unless forced).</summary>
    public bool Colour { get; }

    public static Terminal Create(string? color)
    {
        var interactive = !Console.IsOutputRedirected && !Console.IsErrorRedirected;
        var colour = color switch
        {
            "always" => true,
            "never" => false,
            _ => interactive && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
        };
        return new Terminal(interactive, colour);
    }

    public static void Line(string text = "") => Console.Out.Write(text + "\n");

    public static void Error(string text) => Console.Error.Write(text + "\n");

    /// <summary>Wraps text in an ANSI SGR colour when colouring (31 red, 32 green, 33 yellow, 36 cyan, 90 grey, 1 bold).</summary>
    public string Paint(string text, string sgr) => Colour && text.Length > 0 ? $"\u001b[{sgr}m{text}\u001b[0m" : text;

    /// <summary>A sync or health status word in Argo CD's colours.</summary>
    public string Status(string status) => status switch
    {
        "Synced" or "Healthy" or "Succeeded" => Paint(status, "32"),
        "OutOfSync" or "Missing" or "Suspended" or "PruneSkipped" => Paint(status, "33"),
        "Progressing" or "Running" => Paint(status, "36"),
        "Degraded" or "Failed" or "Error" or "SyncFailed" => Paint(status, "31"),
        "Unknown" => Paint(status, "90"),
        _ => status,
    };

    /// <summary>Columns padded to the widest cell plus two spaces, as Argo CD's tabwriter prints; <paramref name="colour"/> paints cells after padding.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, Func<int, string, string>? colour = null)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => i < r.Count ? r[i].Length : 0))).ToArray();
        var sb = new StringBuilder();
        Append(headers, null);
        foreach (var row in all) Append(row, colour);
        Console.Out.Write(sb.ToString());

        void Append(IReadOnlyList<string> cells, Func<int, string, string>? paint)
        {
            for (var i = 0; i < headers.Count; i++)
            {
                var cell = i < cells.Count ? cells[i] : "";
                var painted = paint is null ? cell : paint(i, cell);
                sb.Append(painted);
                if (i < headers.Count - 1) sb.Append(' ', widths[i] - cell.Length + 2);
            }
            var line = sb.ToString();
            var trimmed = line.TrimEnd(' ');
            sb.Length = trimmed.Length;
            sb.Append('\n');
        }
    }

    public static void Json(JsonNode? node) => Line(node?.ToJsonString(Indented) ?? "null");

    public static void Yaml(JsonNode? node) => Console.Out.Write(YamlDocuments.Write(node));

    /// <summary>Key: value lines with the keys padded, as `argocd app get` prints its summary.</summary>
    public static void Fields(IEnumerable<(string Key, string Value)> fields)
    {
        var list = fields.Where(f => f.Value.Length > 0).ToList();
        var width = list.Count == 0 ? 0 : list.Max(f => f.Key.Length) + 2;
        foreach (var (key, value) in list) Line((key + ":").PadRight(width) + value);
    }

    /// <summary>
    /// Runs <paramref name="body"/> while showing its progress: a live spinner line on a terminal, else one line on
    /// standard error each time the progress text changes.
    /// </summary>
    public async Task<T> ProgressAsync<T>(string initial, Func<Action<string>, Task<T>> body)
    {
        if (_console is null)
        {
            string? last = null;
            return await body(text =>
            {
                if (text == last) return;
                last = text;
                Error(text);
            });
        }
        return await _console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(initial), ctx => body(text => ctx.Status(Markup.Escape(text))));
    }

    /// <summary>Draws a tree: with Spectre.Console's guides on a terminal, else with plain ASCII guides.</summary>
    public void Tree(TreeItem root)
    {
        if (_console is not null)
        {
            var tree = new Tree(Markup.Escape(root.Text));
            foreach (var child in root.Children) AddNode(tree.AddNode(Markup.Escape(child.Text)), child);
            // The tree is the command's output: it goes to standard output, not where progress goes.
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = Colour ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = Colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Out = new AnsiConsoleOutput(Console.Out),
            });
            console.Write(tree);
            return;
        }
        Line(root.Text);
        Write(root.Children, "");

        static void AddNode(TreeNode node, TreeItem item)
        {
            foreach (var child in item.Children) AddNode(node.AddNode(Markup.Escape(child.Text)), child);
        }

        static void Write(IReadOnlyList<TreeItem> items, string indent)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var last = i == items.Count - 1;
                Line(indent + (last ? "└─ " : "├─ ") + items[i].Text);
                Write(items[i].Children, indent + (last ? "   " : "│  "));
            }
        }
    }
}

/// <summary>A line of a tree and the lines under it.</summary>
public sealed record TreeItem(string Text, List<TreeItem> Children)
{
    public TreeItem(string text) : this(text, []) { }
}
