using BankFunctions.Bench.Statements;

// ./bench.sh statements [entries=10000]: issue "Statements" pull-to-stored throughput against Azurite.
var entries = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
await using var bench = await StatementBenchmark.StartAsync();
await bench.RunAsync(entries);
