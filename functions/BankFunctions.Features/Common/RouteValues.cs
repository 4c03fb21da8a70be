using BankFunctions.Features.Http;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features;

public static class RouteValues
{
    /// <summary>A route id that is a valid table key; anything else cannot exist, so it is a 404.</summary>
    public static string Id(HttpContext context, string name, string what)
    {
        var value = context.Request.RouteValues[name] as string;
        if (string.IsNullOrEmpty(value) || value.Length > 100 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ProblemException(Problem.NotFound(what));
        }
        return value;
    }
}
