using Keelson.Benchmarks;

// Measures the embedded cluster through its HTTP API, as clients see it, and prints a table.
// Usage: dotnet run -c Release --project bench/Keelson.Benchmarks [-- --seconds N]
var seconds = args.Length >= 2 && args[0] == "--seconds" && int.TryParse(args[1], out var s) ? s : 5;
return await ClusterBenchmark.RunAsync(TimeSpan.FromSeconds(seconds));
