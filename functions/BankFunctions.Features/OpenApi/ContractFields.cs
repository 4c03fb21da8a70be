using BankFunctions.Domain.Payments;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.ApiKeys;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Auth;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Health;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Tenants;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features.OpenApi;

/// <summary>
/// The rules the validators enforce, stated for the OpenAPI document from the validators' own constants (lengths,
/// patterns, status and role lists), so the document changes when they do.
/// </summary>
public static class ContractFields
{
    private const string Currency = "^[A-Z]{3}$";
    private const string Date = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    // Accepted as written, then normalised (spaces removed, upper-cased) and checked by ISO 13616 / ISO 9362.
    private const string IbanInput = "^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9 ]{1,40}$";
    private const string BicInput = "^[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?$";
    private const string CnapsCode = "^[1-9][0-9]{11}$";
    private const string DomesticAccount = "^[0-9]{8,30}$";

    public static IReadOnlyList<string> Statuses { get; } = PaymentStatusNames.All.Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> RoleNames { get; } = Roles.ToNames(Enum.GetValues<Role>().Aggregate((a, b) => a | b));

    public static IReadOnlyList<ContractField> All { get; } =
    [
        // Requests
        new(typeof(PaymentInput), "debtorAccountId") { Required = true, Example = "acc_01JD2Q4V6F" },
        new(typeof(PaymentInput), "amount") { Required = true },
        new(typeof(PaymentInput), "creditor") { Description = "Required unless counterpartyId + counterpartyAccountId name an approved counterparty account instead." },
        new(typeof(PaymentInput), "counterpartyId") { Example = "cp_01kbn7mse0abcdefghjkmnpqrs", Description = "With counterpartyAccountId, instead of creditor: the creditor is that approved account of the counterparty." },
        new(typeof(PaymentInput), "counterpartyAccountId") { Example = "cpa_01kbn7mse0abcdefghjkmnpqrs" },
        new(typeof(PaymentInput), "remittanceInformation") { MaxLength = PaymentRules.RemittanceMax, Example = "Invoice 42" },
        new(typeof(PaymentInput), "requestedExecutionDate") { Pattern = Date, Format = "date", Description = "Default: today in the bank's time zone; at most a year ahead. A weekend day, holiday or today after the bank's cut-off is moved to the next business day: see the response's executionDate." },
        new(typeof(PaymentInput), "endToEndId") { MaxLength = PaymentRules.EndToEndIdMax },
        new(typeof(AmountInput), "currency") { Required = true, Pattern = Currency, Example = "EUR" },
        new(typeof(AmountInput), "value") { Required = true, Pattern = MoneyText.Pattern, MaxLength = MoneyText.MaxLength, Example = "125.00",
            Description = "A decimal string (never a JSON number) with exactly the currency's minor units." },
        new(typeof(CreditorInput), "name") { Required = true, MaxLength = PaymentRules.CreditorNameMax, Example = "Muster GmbH" },
        new(typeof(CreditorInput), "iban") { Pattern = IbanInput, Example = "GB82WEST12345698765432", Description = "Required for ISO 20022 banks." },
        new(typeof(CreditorInput), "bic") { Pattern = BicInput, Example = "NWBKGB2L", Description = "Optional; ISO 20022 banks only." },
        new(typeof(CreditorInput), "accountNumber") { Pattern = DomesticAccount, Description = "Required for the CMB-style bank (instead of iban)." },
        new(typeof(CreditorInput), "bankCode") { Pattern = CnapsCode, Description = "12-digit CNAPS code; required for the CMB-style bank (instead of bic)." },
        new(typeof(ReasonInput), "reason") { MaxLength = ReasonInput.MaxLength },
        new(typeof(SubmitBatch.Request), "debtorAccountId") { Required = true },
        new(typeof(SubmitBatch.Request), "kind") { Required = true, Enum = ["payments", "payroll"] },
        new(typeof(SubmitBatch.Request), "requestedExecutionDate") { Pattern = Date, Format = "date" },
        new(typeof(SubmitBatch.Request), "items") { Required = true, MaxItems = SubmitBatch.MaxItems },
        new(typeof(SubmitBatch.ItemInput), "amount") { Required = true },
        new(typeof(SubmitBatch.ItemInput), "creditor") { Required = true },
        new(typeof(SubmitBatch.ItemInput), "remittanceInformation") { MaxLength = PaymentRules.RemittanceMax },
        new(typeof(SubmitBatch.ItemInput), "endToEndId") { MaxLength = PaymentRules.EndToEndIdMax },
        new(typeof(CreateTenant.Request), "id") { Pattern = TenantId.Pattern },
        new(typeof(CreateTenant.Request), "name") { Required = true, MaxLength = CreateTenant.NameMax },
        new(typeof(ApiKeyRequest), "name") { Required = true, MaxLength = ApiKeyIssuer.NameMax },
        new(typeof(ApiKeyRequest), "roles") { Required = true, Enum = RoleNames },
        new(typeof(CreateBankConnection.Request), "bank") { Required = true, Description = "The id of a bank profile this deployment configures (Banks__<id>__…, docs/CONFIGURATION.md), e.g. the BankSim banks of banks.json." },
        new(typeof(CreateAccount.Request), "bankConnectionId") { Required = true },
        new(typeof(CreateAccount.Request), "currency") { Required = true, Pattern = Currency },
        new(typeof(CreateAccount.Request), "name") { Required = true },
        new(typeof(CreateAccount.Request), "iban") { Pattern = IbanInput },
        new(typeof(CreateAccount.Request), "bic") { Pattern = BicInput },
        new(typeof(CreateAccount.Request), "accountNumber") { Pattern = DomesticAccount },
        new(typeof(CreateAccount.Request), "bankCode") { Pattern = CnapsCode },
        new(typeof(PutApprovalRules.Request), "rules") { Required = true },
        new(typeof(ApiKeyRequest), "approvalGroups") { MaxItems = ApprovalGroups.MaxPerCaller, Description = "Approval groups the key approves for in approval workflows: names of 1–64 letters, digits, space, '.', '_', '-'." },
        new(typeof(WorkflowInput), "levels") { Required = true, MaxItems = WorkflowInput.MaxLevels, Description = "Ordered; every level whose conditions hold applies, approved in this order. Empty: one approval by any approver." },
        new(typeof(WorkflowInput.LevelInput), "name") { Required = true, MaxLength = WorkflowInput.NameMax, Example = "CFO office" },
        new(typeof(WorkflowInput.LevelInput), "approvals") { Required = true, Description = "0 to 5 different approvers at this level (0: the level applies but asks for nothing)." },
        new(typeof(WorkflowInput.LevelInput), "groups") { MaxItems = WorkflowInput.MaxGroupsPerLevel, Description = "Approval groups whose members approve at this level; absent or empty: any approver." },
        new(typeof(WorkflowInput.ConditionsInput), "currency") { Pattern = Currency, Example = "EUR" },
        new(typeof(WorkflowInput.ConditionsInput), "minAmount") { Pattern = MoneyText.Pattern, MaxLength = MoneyText.MaxLength, Description = "From this amount (inclusive), in conditions.currency's minor units." },
        new(typeof(WorkflowInput.ConditionsInput), "belowAmount") { Pattern = MoneyText.Pattern, MaxLength = MoneyText.MaxLength, Description = "Below this amount (exclusive), in conditions.currency's minor units." },
        new(typeof(WorkflowInput.ConditionsInput), "debtorAccountIds") { MaxItems = WorkflowInput.MaxAccounts },
        new(typeof(WorkflowInput.ConditionsInput), "kinds") { Enum = PaymentKinds.All },
        new(typeof(WorkflowInput.ConditionsInput), "firstPaymentToNewAccount") { Description = "true: only the first payment to a new or changed counterparty account; false: only other payments." },
        new(typeof(PutApprovalRules.Request), "counterpartyAccountChangeApprovals") { Description = "Approvals (0, 1 or 2, by others than the requester) a new or changed counterparty account needs before it can be paid to. Default 1." },
        new(typeof(PutApprovalRules.Request), "firstPaymentToNewAccountExtraApprovals") { Description = "Extra approvals (0, 1 or 2) of the first payment to a new or changed counterparty account. Default 0." },
        new(typeof(Counterparties.CounterpartyInput), "name") { MaxLength = Counterparties.CounterpartyRules.NameMax, Example = "Muster GmbH", Description = "Required on POST; the creditor name payments send." },
        new(typeof(Counterparties.CounterpartyInput), "email") { MaxLength = Counterparties.CounterpartyRules.EmailMax, Description = "PATCH with \"\" removes it." },
        new(typeof(Counterparties.CounterpartyInput), "accounts") { MaxItems = Counterparties.CounterpartyRules.MaxAccounts, Description = "On PATCH the full new list: an entry with an id keeps or changes that account, one without adds one, an account left out is removed. A new account or new bank details need approval." },
        new(typeof(Counterparties.AddressInput), "country") { Pattern = "^[A-Z]{2}$" },
        new(typeof(Counterparties.CounterpartyAccountInput), "type") { Enum = Counterparties.CounterpartyWire.Types, Description = "Default: iban when an iban is given." },
        new(typeof(Counterparties.CounterpartyAccountInput), "iban") { Pattern = IbanInput, Example = "GB82WEST12345698765432" },
        new(typeof(Counterparties.CounterpartyAccountInput), "bic") { Pattern = BicInput },
        new(typeof(Counterparties.CounterpartyAccountInput), "accountNumber") { Description = "cnaps: the domestic account number; domestic: 1–34 letters or digits." },
        new(typeof(Counterparties.CounterpartyAccountInput), "bankCode") { Description = "cnaps: the 12-digit CNAPS code (required); domestic: the bank's code, optional." },
        new(typeof(Counterparties.CounterpartyAccountInput), "country") { Pattern = "^[A-Z]{2}$", Description = "domestic accounts: ISO 3166-1 alpha-2." },
        new(typeof(PutApprovalRules.RuleInput), "currency") { Required = true, Pattern = Currency },
        new(typeof(PutApprovalRules.RuleInput), "minAmount") { Required = true, Pattern = MoneyText.Pattern, MaxLength = MoneyText.MaxLength },
        new(typeof(PutApprovalRules.RuleInput), "approvals") { Required = true },
        new(typeof(Receivables.MatchInput), "expectedPaymentIds") { MaxItems = Receivables.ManualAllocationRules.MaxAllocations,
            Description = "The expected payments the entry settles, in order. Required unless paymentIds is given; not both." },
        new(typeof(Receivables.MatchInput), "amounts") { Description = "Optional part per expected payment id (a decimal string in the entry's currency); without it, what is still open of it, at most what is left of the entry." },
        new(typeof(Receivables.MatchInput), "paymentIds") { MaxItems = ManualMatching.ManualPaymentRules.MaxPayments,
            Description = "Our own payments (sent or accepted, from this account, in the entry's currency) a booked debit entry books, tied whole: they must total the entry's amount exactly. They become completed with the entry as evidence; the tie is final (unmatch refuses it with 409)." },
        new(typeof(Receivables.MatchInput), "reason") { MaxLength = ReasonInput.MaxLength },
        new(typeof(Receivables.UnmatchInput), "reason") { Required = true, MaxLength = ReasonInput.MaxLength },

        // Responses
        new(typeof(PaymentView), "status") { Enum = Statuses },
        new(typeof(PaymentView), "requestedExecutionDate") { Pattern = Date, Format = "date", Description = "The day the caller asked for (default: today in the bank's time zone)." },
        new(typeof(PaymentView), "executionDate") { Pattern = Date, Format = "date", Description = "The day the bank executes it: requestedExecutionDate, or the bank's next business day when that is a weekend day or holiday of the bank, or today after the bank's cut-off (bank profile)." },
        new(typeof(BatchView), "requestedExecutionDate") { Pattern = Date, Format = "date" },
        new(typeof(BatchView), "executionDate") { Pattern = Date, Format = "date", Description = "The day the bank executes the batch's file (see the payment's executionDate)." },
        new(typeof(BatchView), "status") { Enum = BatchStatusNames.All.Order(StringComparer.Ordinal).ToList() },
        new(typeof(BatchView), "kind") { Enum = ["payments", "payroll"] },
        new(typeof(StatusChange), "status") { Enum = Statuses },
        new(typeof(MoneyView), "currency") { Pattern = Currency, Example = "EUR" },
        new(typeof(MoneyView), "value") { Pattern = MoneyText.Pattern, Example = "125.00" },
        new(typeof(ApprovalRule), "currency") { Pattern = Currency },
        new(typeof(Counterparties.CounterpartyAccount), "status") { Enum = Counterparties.CounterpartyWire.Statuses },
        new(typeof(Counterparties.CounterpartyAccount), "type") { Enum = Counterparties.CounterpartyWire.Types },
        new(typeof(ApprovalRule), "minAmount") { Pattern = MoneyText.Pattern },
        new(typeof(CreatedApiKey), "roles") { Enum = RoleNames },
        new(typeof(ApiKeyView), "roles") { Enum = RoleNames },
        new(typeof(GetHealth.Response), "status") { Enum = [GetHealth.Ok, GetHealth.Degraded, GetHealth.Unavailable] },
        new(typeof(GetHealth.Check), "status") { Enum = [GetHealth.Ok, GetHealth.Degraded, GetHealth.Unavailable] },
        new(typeof(Statements.EntryDetailView), "amount") { Pattern = MoneyText.SignedPattern },
        new(typeof(ManualMatching.ListUnmatchedTransactions.ReasonView), "code") { Enum = Receivables.MatchExplanation.Codes },
        new(typeof(ManualMatching.ListUnmatchedTransactions.CandidateView), "wouldMatchBy") { Enum = Enum.GetValues<Receivables.MatchRule>().Select(r => Receivables.ExpectedPaymentWire.ToWire(r)).ToList(),
            Description = "Set when the automatic rules take this expected payment now (reason matches_now)." },
        new(typeof(Statements.TransactionView), "amount") { Pattern = MoneyText.SignedPattern, Description = "Signed decimal string: debits negative." },
    ];
}
