using System.Text;
using Keelson.Cli.App;

namespace Keelson.Cli.Api;

/// <summary>Asks the user at a terminal; with standard input redirected a missing value is an error naming the flag.</summary>
public static class Prompt
{
    public static string Line(string label, string flag)
    {
        if (Console.IsInputRedirected) throw new CliException($"{flag} is required (standard input is not a terminal to ask on)");
        Console.Error.Write($"{label}: ");
        return Console.ReadLine()?.Trim() ?? "";
    }

    /// <summary>A secret, not echoed.</summary>
    public static string Secret(string label, string flag)
    {
        if (Console.IsInputRedirected) throw new CliException($"{flag} is required (standard input is not a terminal to ask on; or pipe it with --password-stdin)");
        Console.Error.Write($"{label}: ");
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0) text.Length--;
                continue;
            }
            if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}
