using BankFunctions.Bench.Dispatch;

// ./bench.sh dispatch [rate=20] [seconds=60]: submit → accepted latency at a sustained rate, and signing operations.
var rate = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20;
var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60;
await using var bench = await DispatchBenchmark.StartAsync();
await bench.RunAsync(rate, seconds);
