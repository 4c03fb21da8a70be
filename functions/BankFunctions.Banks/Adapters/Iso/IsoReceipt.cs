using BankFunctions.Formats.Statements;

namespace BankFunctions.Banks.Adapters.Iso;

/// <summary>
/// The ISO bank's entry-level receipt: a camt.054.001.08 notification holding exactly the one entry asked for
/// (Ntry/AcctSvcrRef = the reference). Checked with the statement reader before it is kept, so a wrong or
/// unreadable document is refused instead of being filed as someone's receipt. The bank's HTTPS answer carries no
/// signature of its own (BANKS.md §A), so there is none to keep.
/// </summary>
public static class IsoReceipt
{
    public const string ContentType = "application/xml";

    public static BankResult<Receipt> Read(byte[] body, string reference)
    {
        ParseResult parsed;
        try
        {
            parsed = StatementParser.Parse(new MemoryStream(body, writable: false), "receipt.xml");
        }
        catch (StatementFormatException e)
        {
            return Bad($"The receipt is not a readable camt.054: {e.Message}");
        }
        var statement = parsed.Statements.Count == 1 ? parsed.Statements[0] : null;
        if (statement is null || statement.Kind != "camt.054")
        {
            return Bad($"The receipt is a {parsed.Format} document, not one camt.054 notification.");
        }
        if (statement.Entries.Count != 1 || statement.Entries[0].BankReference != reference)
        {
            return Bad($"The receipt does not hold exactly the entry {reference}.");
        }
        return BankResult.Success(new Receipt(body, ContentType));
    }

    private static BankResult<Receipt> Bad(string message) => BankResult.Failure<Receipt>(BankCallOutcome.Terminal, "BadReceipt", message);
}
