namespace BankFunctions.Formats.Statements;

internal static class BalanceCheck
{
    /// <summary>
    /// The statement invariant: opening balance + booked entries = closing balance. A statement that breaks it has been
    /// misread or the bank sent an inconsistent file; either way the customer must be told.
    /// </summary>
    public static string? Check(StatementBalance? opening, StatementBalance? closing, decimal booked)
    {
        if (opening is null || closing is null)
        {
            return null;
        }
        var expected = opening.Value + booked;
        return expected == closing.Value
            ? null
            : $"opening balance {opening.Value} + booked entries {booked} = {expected}, but the closing balance is {closing.Value} (difference {closing.Value - expected})";
    }
}
