using Keelson.Cli;

return await KeelsonCommand.Create().Parse(args).InvokeAsync();
