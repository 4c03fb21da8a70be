namespace BankFunctions.Formats.Screening;

/// <summary>A sanctions list file that cannot be read: what is wrong and where (line, and element for XML).</summary>
public sealed class ScreeningListFormatException(string message) : FormatException(message);
