using BankFunctions.Domain;

namespace BankFunctions.Features.Approvals;

/// <summary>The body of PUT /v1/approval-workflows, checked field by field into an <see cref="ApprovalWorkflow"/>. Pure.</summary>
public sealed record WorkflowInput(IReadOnlyList<WorkflowInput.LevelInput?>? Levels)
{
    public const int MaxLevels = 20;
    public const int MaxApprovals = 5;
    public const int MaxGroupsPerLevel = 10;
    public const int MaxAccounts = 50;
    public const int NameMax = 100;

    public sealed record LevelInput(string? Name, int? Approvals, IReadOnlyList<string?>? Groups, ConditionsInput? Conditions);

    public sealed record ConditionsInput(string? Currency, string? MinAmount, string? BelowAmount, IReadOnlyList<string?>? DebtorAccountIds,
        IReadOnlyList<string?>? Kinds, bool? FirstPaymentToNewAccount);

    /// <summary>The workflow, or a 400 problem naming every bad field.</summary>
    public ApprovalWorkflow Validate()
    {
        var v = new Validation();
        var workflow = Check(v);
        v.ThrowIfInvalid();
        return workflow;
    }

    /// <summary>The workflow as far as it is valid, with each problem in <paramref name="v"/>.</summary>
    public ApprovalWorkflow Check(Validation v)
    {
        var levels = new List<WorkflowLevel>();
        if (Levels is null)
        {
            v.Add("levels", "is required (an empty array means one approval by any approver for everything).");
        }
        else
        {
            if (Levels.Count > MaxLevels)
            {
                v.Add("levels", $"at most {MaxLevels} levels.");
            }
            for (var i = 0; i < Levels.Count; i++)
            {
                if (Check(Levels[i], $"levels[{i}]", v) is { } level)
                {
                    levels.Add(level);
                }
            }
        }
        return new ApprovalWorkflow(levels);
    }

    private static WorkflowLevel? Check(LevelInput? input, string field, Validation v)
    {
        if (input is null)
        {
            v.Add(field, "must be an object.");
            return null;
        }
        var errors = v.Errors.Count;
        var name = v.Text(field + ".name", input.Name, NameMax);
        if (input.Approvals is not (>= 0 and <= MaxApprovals))
        {
            v.Add(field + ".approvals", $"is required: 0 to {MaxApprovals} (0: the level applies but asks for nothing).");
        }
        var groups = ApprovalGroups.Check(input.Groups, field + ".groups", v, MaxGroupsPerLevel);
        var conditions = input.Conditions is null ? null : Check(input.Conditions, field + ".conditions", v);
        return v.Errors.Count == errors ? new WorkflowLevel(name!, input.Approvals!.Value, groups, conditions) : null;
    }

    private static LevelConditions? Check(ConditionsInput c, string field, Validation v)
    {
        Currency? currency = null;
        if (c.Currency is not null && (currency = Currencies.Find(c.Currency)) is null)
        {
            v.Add(field + ".currency", "must be an ISO 4217 currency code.");
        }
        var min = Amount(c.MinAmount, "minAmount", allowZero: true);
        var below = Amount(c.BelowAmount, "belowAmount", allowZero: false);
        if (min is { } m && below is { } b && b <= m)
        {
            v.Add(field + ".belowAmount", "must be greater than minAmount.");
        }
        var accounts = Ids(c.DebtorAccountIds, "debtorAccountIds", MaxAccounts, id => id.Length <= 64 && id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'),
            "must be an account id.");
        var kinds = Ids(c.Kinds, "kinds", PaymentKinds.All.Count, PaymentKinds.All.Contains, $"must be one of {string.Join(", ", PaymentKinds.All)}.");
        return new LevelConditions(currency?.Code, c.MinAmount is null ? null : min is null ? null : c.MinAmount,
            c.BelowAmount is null ? null : below is null ? null : c.BelowAmount,
            accounts, kinds, c.FirstPaymentToNewAccount);

        decimal? Amount(string? text, string name, bool allowZero)
        {
            if (text is null)
            {
                return null;
            }
            if (c.Currency is null)
            {
                v.Add($"{field}.{name}", "needs conditions.currency: amounts are compared within one currency only.");
                return null;
            }
            var value = currency is null ? null : MoneyText.Parse(text, currency, allowZero);
            if (currency is not null && value is null)
            {
                v.Add($"{field}.{name}", $"must be a decimal string {(allowZero ? "≥ 0" : "> 0")} with {currency.MinorUnits} decimals for {currency.Code}.");
            }
            return value;
        }

        IReadOnlyList<string>? Ids(IReadOnlyList<string?>? values, string name, int max, Func<string, bool> valid, string message)
        {
            if (values is null)
            {
                return null;
            }
            if (values.Count > max)
            {
                v.Add($"{field}.{name}", $"at most {max} entries.");
            }
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is not { Length: > 0 } value || !valid(value))
                {
                    v.Add($"{field}.{name}[{i}]", message);
                }
            }
            var list = values.OfType<string>().Where(valid).Distinct(StringComparer.Ordinal).ToList();
            return list.Count == 0 ? null : list;
        }
    }
}
