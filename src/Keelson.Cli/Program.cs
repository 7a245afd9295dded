using System.CommandLine;
using Keelson.Cli;

// Ctrl+C cancels the running verb; `keelson up` then stops the engine and the cluster and says where its state is,
// which takes longer than System.CommandLine's default grace of 2 s.
return await KeelsonCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
