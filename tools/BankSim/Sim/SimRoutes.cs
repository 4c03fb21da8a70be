using System.Globalization;
using BankSim.Cmb;
using BankSim.Iso;

namespace BankSim.Sim;

/// <summary>The simulator's own routes (BANKS.md §C): onboarding, faults, the ledger view, reset. They exist only in BankSim.</summary>
public static class SimRoutes
{
    public sealed record AccountInput(string Account, string Currency, string? Name, string? Balance);

    /// <summary>An incoming credit booked from outside the bank (POST /_sim/accounts/{bank}/{account}/credits).</summary>
    public sealed record IncomingCredit(string? Amount, string? Remittance, string? CounterpartyName, string? CounterpartyAccount, string? CounterpartyBank, string? EndToEndId);

    public sealed record CustomerInput(string Bank, string? CustomerId, string? KeyId, string? PublicKeyPem, string? Uid, string? Sm4Key,
        string? Sm2PublicKeyPem, string? Behaviour, IReadOnlyList<AccountInput>? Accounts);

    public static void MapSim(this WebApplication app)
    {
        app.MapPost("/_sim/customers", (CustomerInput input, Customers customers, Ledger ledger) => Register(input, customers, ledger));
        app.MapGet("/_sim/banks/{bank}/public-key", (string bank, CmbBankKey cmbKey) =>
            bank == CmbBank.Name ? Results.Text(cmbKey.PublicKeyPem, "application/x-pem-file") : Results.Problem("simbank-iso does not sign responses.", statusCode: 404));
        app.MapPost("/_sim/faults", (FaultRule rule, Faults faults) =>
        {
            if (!Faults.Kinds.Contains(rule.Kind) || rule.Bank is not (IsoBank.Name or CmbBank.Name) || rule.Probability is < 0 or > 1)
            {
                return Results.Problem($"kind must be one of {string.Join(", ", Faults.Kinds)}; bank simbank-iso or simbank-cmb; probability 0–1.", statusCode: 400);
            }
            faults.Add(rule);
            return Results.Json(new { faults = faults.All() }, statusCode: 201);
        });
        app.MapGet("/_sim/faults", (Faults faults) => Results.Json(new { faults = faults.All() }));
        app.MapDelete("/_sim/faults", (Faults faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        app.MapGet("/_sim/ledger", (Ledger ledger, IsoBank iso) =>
        {
            iso.AdvanceAll();
            return Results.Json(new
            {
                entries = ledger.Executions().Select(e => new
                {
                    bank = e.Bank, reference = e.Reference, executions = e.Executions, account = e.Account,
                    amount = e.Amount.ToString(CultureInfo.InvariantCulture), currency = e.Currency, status = e.Status,
                }),
            });
        });
        app.MapGet("/_sim/accounts/{bank}/{account}", (string bank, string account, Ledger ledger, IsoBank iso) =>
        {
            iso.AdvanceAll();
            var acc = ledger.Find(bank, account);
            return acc is null ? Results.NotFound() : Results.Json(new { account = acc.Number, currency = acc.Currency, balance = acc.Balance.ToString(CultureInfo.InvariantCulture), bookings = acc.Bookings.Count });
        });
        app.MapPost("/_sim/accounts/{bank}/{account}/credits", (string bank, string account, IncomingCredit input, Ledger ledger, IsoBank iso) =>
        {
            if (!decimal.TryParse(input.Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0
                || decimal.Round(amount, 2) != amount || (input.Remittance?.Length ?? 0) > 140)
            {
                return Results.Problem("amount must be a positive decimal string with at most 2 decimals; remittance at most 140 characters.", statusCode: 400);
            }
            iso.AdvanceAll();
            var booking = ledger.BookIncoming(bank, account, amount, input.EndToEndId, input.CounterpartyName ?? "Payer", input.CounterpartyAccount ?? "",
                input.CounterpartyBank, input.Remittance);
            return booking is null
                ? Results.Problem($"No account {account} at {bank}.", statusCode: 404)
                : Results.Json(new { reference = booking.AcctSvcrRef, bookingDate = booking.BookingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, statusCode: 201);
        });
        app.MapPost("/_sim/reset", (Ledger ledger, Customers customers, Faults faults, IsoBank iso, CmbBank cmb) =>
        {
            faults.Clear();
            iso.Reset();
            cmb.Reset();
            customers.Reset();
            ledger.Reset();
            return Results.NoContent();
        });
    }

    public static IResult Register(CustomerInput input, Customers customers, Ledger ledger)
    {
        switch (input.Bank)
        {
            case IsoBank.Name when !string.IsNullOrEmpty(input.CustomerId) && !string.IsNullOrEmpty(input.KeyId) && !string.IsNullOrEmpty(input.PublicKeyPem):
                customers.RegisterIso(new IsoCustomer(input.CustomerId, input.KeyId, input.PublicKeyPem));
                break;
            case CmbBank.Name when !string.IsNullOrEmpty(input.Uid) && input.Sm4Key is { Length: 32 } && !string.IsNullOrEmpty(input.Sm2PublicKeyPem):
                customers.RegisterCmb(new CmbCustomer(input.Uid, Convert.FromHexString(input.Sm4Key), input.Sm2PublicKeyPem, input.Behaviour ?? "approve"));
                break;
            default:
                return Results.Problem("simbank-iso needs customerId, keyId, publicKeyPem; simbank-cmb needs uid, sm4Key (32 hex), sm2PublicKeyPem.", statusCode: 400);
        }
        var owner = input.Bank == IsoBank.Name ? input.CustomerId! : input.Uid!;
        foreach (var a in input.Accounts ?? [])
        {
            var balance = decimal.Parse(a.Balance ?? "0", NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            ledger.Open(input.Bank, a.Account, a.Currency, a.Name ?? a.Account, balance);
            customers.Own(owner, a.Account);
        }
        return Results.Json(new { registered = owner }, statusCode: 201);
    }
}
