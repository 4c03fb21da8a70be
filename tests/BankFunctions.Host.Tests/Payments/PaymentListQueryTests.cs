using BankFunctions.Features;
using BankFunctions.Features.Http;
using BankFunctions.Features.Payments;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace BankFunctions.Host.Tests.Payments;

/// <summary>The list filters' parsing and matching, and the checked cursor, without storage.</summary>
public sealed class PaymentListQueryTests
{
    private static PaymentListQuery Parse(params (string Name, string Value)[] parameters)
    {
        var (query, errors) = PaymentListQuery.Parse(new QueryCollection(parameters.ToDictionary(p => p.Name, p => new StringValues(p.Value))));
        Assert.Empty(errors);
        return query!;
    }

    private static PaymentRow Payment(string amount = "125.00", string currency = "EUR") => new()
    {
        PaymentId = "pay_1", Status = "signing", DebtorAccountId = "acc_1", Currency = currency, Amount = amount,
        CreditorName = "Muster GmbH", CreditorIban = "GB82WEST12345698765432", EndToEndId = "E2E-1",
        CreatedAt = new DateTimeOffset(2026, 11, 23, 23, 59, 59, TimeSpan.Zero),
    };

    [Fact]
    public void Every_filter_decides_on_the_payment_row()
    {
        var p = Payment();
        Assert.True(Parse().Matches(p));
        Assert.True(Parse(("status", "signing"), ("debtorAccountId", "acc_1"), ("currency", "EUR"), ("endToEndId", "E2E-1")).Matches(p));
        Assert.True(Parse(("from", "2026-11-23"), ("to", "2026-11-23")).Matches(p));
        Assert.False(Parse(("from", "2026-11-24")).Matches(p));
        Assert.False(Parse(("to", "2026-11-22")).Matches(p));
        Assert.True(Parse(("minAmount", "125"), ("maxAmount", "125.000")).Matches(p));
        Assert.False(Parse(("minAmount", "125.01")).Matches(p));
        Assert.False(Parse(("maxAmount", "124.999")).Matches(p));
        Assert.True(Parse(("minAmount", "1000")).Matches(Payment("1000", "JPY")));
        Assert.True(Parse(("creditorName", "muster g")).Matches(p));
        Assert.False(Parse(("creditorName", "Acme")).Matches(p));
        Assert.True(Parse(("creditorAccount", "gb82 west 1234 5698 7654 32")).Matches(p));
        Assert.False(Parse(("status", "sent")).Matches(p));
        Assert.False(Parse(("batchId", "bat_1")).Matches(p));
    }

    [Fact]
    public void The_scope_changes_with_every_filter_but_not_with_the_limit()
    {
        var scope = Parse(("status", "sent")).Scope("t1");
        Assert.Equal(scope, Parse(("status", "sent"), ("limit", "7")).Scope("t1"));
        Assert.NotEqual(scope, Parse(("status", "sent")).Scope("t2"));
        Assert.NotEqual(scope, Parse(("status", "sent"), ("minAmount", "1")).Scope("t1"));
        Assert.NotEqual(scope, Parse().Scope("t1"));
    }

    [Fact]
    public void A_checked_cursor_round_trips_and_any_change_is_refused()
    {
        var cursor = CheckedCursor.Encode("scope", "plist|0001|pay_1\u001f");
        Assert.Equal("plist|0001|pay_1\u001f", CheckedCursor.Decode(cursor, "scope"));
        Assert.Null(CheckedCursor.Decode("", "scope"));
        foreach (var bad in new[] { "abc", cursor + "A", cursor[1..], cursor.Replace('.', '-'), CheckedCursor.Encode("scope", "other").Split('.')[0] + "." + cursor.Split('.')[1] })
        {
            Assert.Throws<ProblemException>(() => CheckedCursor.Decode(bad, "scope"));
        }
        Assert.Throws<ProblemException>(() => CheckedCursor.Decode(cursor, "another scope"));
    }
}
