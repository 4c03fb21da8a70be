using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("BankFunctions.Formats.Tests")]
[assembly: InternalsVisibleTo("BankFunctions.Bench.Parse")]
