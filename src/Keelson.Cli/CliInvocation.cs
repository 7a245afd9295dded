namespace Keelson.Cli;

/// <summary>How a user on this machine types `keelson`: the word itself when it is on PATH, else the path of this program.</summary>
public static class CliInvocation
{
    /// <summary>The README's one-liner that puts `keelson` on PATH: a Release publish into ~/.local/share/keelson, linked from ~/.local/bin.</summary>
    public const string InstallCommand =
        "dotnet publish src/Keelson.Cli -c Release -o ~/.local/share/keelson && mkdir -p ~/.local/bin && ln -sf ~/.local/share/keelson/keelson ~/.local/bin/keelson";

    /// <summary>True when a `keelson` executable is found on PATH.</summary>
    public static bool OnPath => FindOnPath("keelson") is not null;

    /// <summary>
    /// The command that runs keelson here: <c>keelson</c> when it is on PATH; else this program's native launcher
    /// (what `dotnet run` builds next to keelson.dll, about ten times faster to start than `dotnet run`); else
    /// <c>dotnet PATH/keelson.dll</c>.
    /// </summary>
    public static string Command
    {
        get
        {
            if (OnPath) return "keelson";
            var launcher = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "keelson.exe" : "keelson");
            if (File.Exists(launcher)) return Quote(launcher);
            return "dotnet " + Quote(Path.Combine(AppContext.BaseDirectory, "keelson.dll"));
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (!File.Exists(candidate)) continue;
            if (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
                return candidate;
        }
        return null;
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"'{path}'" : path;
}
