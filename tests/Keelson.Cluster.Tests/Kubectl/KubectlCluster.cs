using System.Diagnostics;

namespace Keelson.Cluster.Tests.Kubectl;

/// <summary>
/// A real embedded cluster plus a way to run the real /usr/bin/kubectl against it, with its own kubeconfig
/// and a fresh discovery cache so no state leaks between servers.
/// </summary>
public sealed class KubectlCluster : IAsyncLifetime
{
    public const string KubectlPath = "/usr/bin/kubectl";

    private EmbeddedCluster? _cluster;
    private string _dir = "";

    public string Kubeconfig => Path.Combine(_dir, "kubeconfig");

    public string WorkDir => _dir;

    /// <summary>The cluster kubectl talks to, for in-process reads and writes.</summary>
    public EmbeddedCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _dir = Directory.CreateTempSubdirectory("keelson-kubectl-").FullName;
        _cluster = await EmbeddedCluster.StartAsync(new ClusterOptions { InMemory = true, Port = 0 });
        _cluster.WriteKubeconfig(Kubeconfig);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    /// <summary>Runs kubectl to completion (60 s at most) and returns what it printed.</summary>
    public async Task<Result> RunAsync(string arguments, string? stdin = null)
    {
        using var process = Start(arguments, stdin is not null);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {arguments} did not finish within 60s");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and asserts it succeeded, returning its output.</summary>
    public async Task<string> OkAsync(string arguments, string? stdin = null)
    {
        var result = await RunAsync(arguments, stdin);
        Assert.True(result.ExitCode == 0, $"kubectl {arguments} failed:\n{result}");
        return result.Stdout;
    }

    /// <summary>Starts a long-running kubectl (e.g. get -w); the caller reads and kills it.</summary>
    public Process Start(string arguments, bool redirectStdin = false)
    {
        var info = new ProcessStartInfo(KubectlPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
            WorkingDirectory = _dir,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(Kubeconfig);
        info.ArgumentList.Add("--cache-dir");
        info.ArgumentList.Add(Path.Combine(_dir, "cache"));
        foreach (var arg in SplitArguments(arguments)) info.ArgumentList.Add(arg);
        info.Environment["KUBECONFIG"] = Kubeconfig;
        info.Environment["HOME"] = _dir;
        return Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
    }

    /// <summary>Writes a file under the work directory and returns its path.</summary>
    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(_dir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static IEnumerable<string> SplitArguments(string arguments)
    {
        var current = new System.Text.StringBuilder();
        var quote = '\0';
        foreach (var c in arguments)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else current.Append(c);
            }
            else if (c is '\'' or '"') quote = c;
            else if (c == ' ')
            {
                if (current.Length > 0) yield return current.ToString();
                current.Clear();
            }
            else current.Append(c);
        }
        if (current.Length > 0) yield return current.ToString();
    }
}
