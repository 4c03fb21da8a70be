using System.Globalization;
using BankFunctions.Bench.Contract;

// ./bench.sh contract [seconds=120] [seed=19] [workers=4]: requests generated from the served OpenAPI document (valid
// and broken bodies, parameters, headers, keys) against the real host; every response checked against its schema.
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 120;
var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 19;
var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
await using var stack = await ContractStack.StartAsync();
var figures = await new ContractRun(stack, seed).RunAsync(TimeSpan.FromSeconds(seconds), workers);
figures.Print(Console.Out);
return figures.ServerErrors == 0 && figures.Violations == 0 ? 0 : 1;
