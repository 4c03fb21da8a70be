using BankFunctions.Features.Payments;

namespace BankFunctions.Features.Receivables;

/// <summary>POST /v1/expected-payments body (docs/API.md "Expected payments").</summary>
public sealed record ExpectedPaymentInput(
    string? AccountId,
    string? Direction,
    AmountInput? Amount,
    AmountRangeInput? AmountRange,
    DateWindowInput? Window,
    CounterpartyInput? Counterparty,
    string? Reference,
    string? RemittancePattern,
    string? ExternalId,
    Dictionary<string, string>? Metadata);

/// <summary>An amount between <c>min</c> and <c>max</c> inclusive, decimal strings in <c>currency</c>.</summary>
public sealed record AmountRangeInput(string? Currency, string? Min, string? Max);

/// <summary>The days (yyyy-MM-dd, inclusive, the bank's booking days) in which the money is expected.</summary>
public sealed record DateWindowInput(string? From, string? To);

public sealed record CounterpartyInput(string? Name, string? Account);
