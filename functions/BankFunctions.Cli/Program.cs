using BankFunctions.Cli.Commands;

// Standard output as a stream: `statement parse --json` writes UTF-8 JSON straight to it while it reads the file.
using var output = Console.OpenStandardOutput();
return CommandLine.Run(args, output, Console.Error);
