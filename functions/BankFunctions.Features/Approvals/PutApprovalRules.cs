using BankFunctions.Storage.Guard;
using BankFunctions.Domain;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Approvals;

/// <summary>
/// PUT /v1/approval-rules (admin): replace the tenant's thresholds and counterparty settings (absent: the defaults);
/// audited with before → after. The thresholds become the tenant's workflow (one level per payment, see
/// <see cref="LegacyRules"/>), replacing any workflow stored by PUT /v1/approval-workflows.
/// </summary>
public sealed class PutApprovalRules(StorageClients storage, ApprovalRulesStore rulesStore, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    public sealed record Request(IReadOnlyList<RuleInput?>? Rules, int? CounterpartyAccountChangeApprovals = null, int? FirstPaymentToNewAccountExtraApprovals = null);

    public sealed record RuleInput(string? Currency, string? MinAmount, int? Approvals);

    public sealed record Response(IReadOnlyList<ApprovalRule> Rules, int CounterpartyAccountChangeApprovals, int FirstPaymentToNewAccountExtraApprovals)
    {
        /// <summary>The settings in the old shape: a stored workflow as the rules it translates to (empty when it has none).</summary>
        public static Response From(ApprovalSettings s) => new(s.ExpressibleRules ?? [], s.CounterpartyAccountChangeApprovals, s.FirstPaymentToNewAccountExtraApprovals);
    }

    public static ApprovalSettings Validate(Request request)
    {
        var v = new Validation();
        var rules = Check(request, v);
        if (request.CounterpartyAccountChangeApprovals is not (null or (>= 0 and <= 2)))
        {
            v.Add("counterpartyAccountChangeApprovals", "must be 0, 1 or 2.");
        }
        if (request.FirstPaymentToNewAccountExtraApprovals is not (null or (>= 0 and <= 2)))
        {
            v.Add("firstPaymentToNewAccountExtraApprovals", "must be 0, 1 or 2.");
        }
        v.ThrowIfInvalid();
        return new ApprovalSettings(rules, request.CounterpartyAccountChangeApprovals ?? ApprovalSettings.DefaultAccountChangeApprovals,
            request.FirstPaymentToNewAccountExtraApprovals ?? 0);
    }

    /// <summary>The rules as they will be stored (by currency, then threshold), with each problem in <paramref name="v"/>. Pure.</summary>
    public static IReadOnlyList<ApprovalRule> Check(Request request, Validation v)
    {
        var result = new List<ApprovalRule>();
        if (request.Rules is null)
        {
            v.Add("rules", "is required (an empty array means one approval for everything).");
            return result;
        }
        for (var i = 0; i < request.Rules!.Count; i++)
        {
            var field = $"rules[{i}]";
            var rule = request.Rules[i];
            if (rule is null)
            {
                v.Add(field, "must be an object.");
                continue;
            }
            var currency = Currencies.Find(rule.Currency);
            if (currency is null)
            {
                v.Add(field + ".currency", "must be an ISO 4217 currency code.");
            }
            var min = rule.MinAmount is null ? null : MoneyText.Parse(rule.MinAmount, currency, allowZero: true);
            if (min is null)
            {
                v.Add(field + ".minAmount", currency is null
                    ? "must be a decimal string."
                    : $"must be a decimal string ≥ 0 with {currency.MinorUnits} decimals for {currency.Code}.");
            }
            if (rule.Approvals is not (>= 0 and <= 2))
            {
                v.Add(field + ".approvals", "must be 0, 1 or 2.");
            }
            if (currency is not null && min is not null && result.Any(r => r.Threshold == Money.Of(min.Value, currency)))
            {
                v.Add(field, "duplicates another rule's currency and minAmount.");
            }
            if (currency is not null && min is not null && rule.Approvals is >= 0 and <= 2)
            {
                result.Add(new ApprovalRule(currency.Code, rule.MinAmount!, rule.Approvals.Value));
            }
        }
        if (request.Rules.Count > 100)
        {
            v.Add("rules", "at most 100 rules.");
        }
        // Thresholds are compared only within one currency (the sort compares them only when currencies tie).
        return result.OrderBy(r => r.Currency, StringComparer.Ordinal).ThenBy(r => r.Threshold).ToList();
    }

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var settings = Validate(await JsonBody.ReadAsync<Request>(context, cancellationToken));
        var before = await rulesStore.GetSettingsAsync(tenantId, cancellationToken, fresh: true);
        var now = clock.GetUtcNow();
        var row = new ApprovalRulesRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            RowKey = TableKeys.ApprovalRulesRow,
            RulesJson = JsonSerializer.Serialize(settings.Rules, ApiJson.Options),
            UpdatedAt = now,
            CounterpartyAccountChangeApprovals = settings.CounterpartyAccountChangeApprovals,
            FirstPaymentToNewAccountExtraApprovals = settings.FirstPaymentToNewAccountExtraApprovals,
        };
        await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, row),
                new TableTransactionAction(TableTransactionActionType.Add,
                    audit.Row(tenantId, caller, "approval-rules.changed", "approval-rules", Response.From(before), Response.From(settings), now)),
            ],
            cancellationToken);
        rulesStore.Invalidate(tenantId);
        return Results.Json(Response.From(settings), ApiJson.Options);
    }
}

/// <summary>Decimal strings as the API carries money: digits, optional '.', exactly the currency's minor units.</summary>
public static class MoneyText
{
    /// <summary>What <see cref="Parse"/> accepts, as the OpenAPI document states it (the minor units depend on the currency).</summary>
    public const string Pattern = @"^[0-9]+(\.[0-9]+)?$";
    /// <summary>Signed amounts (statement entries: debits negative).</summary>
    public const string SignedPattern = @"^-?[0-9]+(\.[0-9]+)?$";
    public const int MaxLength = 20;

    public static decimal? Parse(string text, Currency? currency, bool allowZero)
    {
        if (currency is null || text.Length is 0 or > MaxLength)
        {
            return null;
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = dot < 0 ? 0 : text.Length - dot - 1;
        if (decimals != currency.MinorUnits || (dot == 0) || !text.Where((c, i) => i != dot).All(char.IsAsciiDigit))
        {
            return null;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }
        return value > 0 || (allowZero && value == 0) ? value : null;
    }

    public static string Format(decimal value, Currency currency) =>
        value.ToString("F" + currency.MinorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
