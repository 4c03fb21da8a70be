using BankFunctions.Bench.Submit;

// ./bench.sh submit [payments] [concurrency]: issue "Payments API" benchmark, reference and host measured in one run.
var payments = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 16;
await using var bench = await SubmitBenchmark.StartAsync();
await bench.RunAsync(payments, concurrency);
