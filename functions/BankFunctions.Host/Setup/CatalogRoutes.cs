using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;

namespace BankFunctions.Host.Setup;

/// <summary>Maps every HTTP entry of the catalog to the shared invoker.</summary>
public static class CatalogRoutes
{
    public static void MapFunctionCatalog(this WebApplication app, IEnumerable<FunctionDefinition> catalog)
    {
        foreach (var function in catalog)
        {
            if (function.Trigger is HttpTrigger http)
            {
                app.MapMethods("/" + http.Route, [http.Method], (HttpContext context, HttpFunctionInvoker invoker) => invoker.InvokeAsync(function, context))
                    .WithName(function.Name);
            }
        }
    }
}
