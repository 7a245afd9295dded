using System.CommandLine;

namespace Keelson.Cli.App;

/// <summary>`keelson app terminate-op NAME`: stops the running sync (<c>DELETE …/operation</c>); needs the server.</summary>
public static class AppTerminateOpCommand
{
    public static Command Create(AppOptions options)
    {
        var name = new Argument<string>("NAME") { Description = "The Application." };
        var command = new Command("terminate-op", "Terminate the running operation of an Application (needs the API server).") { name };
        command.SetAction((parse, ct) => AppCommand.RunAsync(parse, options, async backend =>
        {
            var appName = parse.GetValue(name)!;
            await AppCommand.Server(backend, "app terminate-op").TerminateOperationAsync(appName, ct);
            Terminal.Line($"Application '{appName}' operation terminating");
            return 0;
        }));
        return command;
    }
}
