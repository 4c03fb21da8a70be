using BankFunctions.Bench.Receivables;

// ./bench.sh receivables [entries=10000]: issue #17 — automatic matching of a day of N entries against N open expected payments.
var entries = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
await using var bench = await ReceivablesBenchmark.StartAsync();
await bench.RunAsync(entries);
