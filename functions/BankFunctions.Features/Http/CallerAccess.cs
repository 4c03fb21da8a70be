using BankFunctions.Features.Auth;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Http;

/// <summary>Where the invoker leaves the authenticated caller for the handler.</summary>
public static class CallerAccess
{
    private const string ItemKey = "bankfunctions.caller";

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[ItemKey] = caller;

    public static Caller Caller(this HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is Caller caller
            ? caller
            : throw new InvalidOperationException("No authenticated caller on this request.");
}
