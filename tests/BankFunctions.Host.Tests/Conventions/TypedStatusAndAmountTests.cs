using System.Reflection;
using System.Runtime.CompilerServices;
using BankFunctions.Features;
using BankFunctions.Features.Runtime;

namespace BankFunctions.Host.Tests.Conventions;

/// <summary>
/// Issue #12: a status or an amount is a type (PaymentStatus, Money), not a string, in the public signatures of the
/// Domain and Features assemblies — properties, fields, method and constructor parameters (so record positional
/// parameters too) and method results whose name is or ends in Status or Amount.
/// <para>
/// Not checked, because their strings are the format itself: the HTTP contract's records — every type the JSON
/// contract serialises, i.e. the request and response bodies of the catalog's HTTP functions and the types their
/// public properties reach (the API sends statuses as their wire names and money as a decimal string, API.md);
/// table rows, which live in BankFunctions.Storage and keep their stored format; and parsers (Parse/TryParse), where
/// the text becomes the type.
/// </para>
/// The allow-list holds today's violations while the conversion is under way; it may only shrink: an entry that no
/// longer violates fails the test too, so whoever fixes one removes its line.
/// </summary>
public sealed class TypedStatusAndAmountTests
{
    /// <summary>Today's violations, one member a line ("Type.Member" or "Type.Method(parameter)"), each with why it is still here.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        // The bank's own ISO 20022 status code (ACSP, RJCT, …), stored and shown verbatim as "isoStatus" beside our status:
        // opaque text by design (the adapter has already mapped it to a PaymentStatus), not a status of ours.
        ["BankFunctions.Features.Payments.PaymentTransitions.Apply(isoStatus)"] = "the bank's verbatim ISO code, not our status",
        ["BankFunctions.Features.Payments.PaymentTransitions.TryApply(isoStatus)"] = "the bank's verbatim ISO code, not our status",
        ["BankFunctions.Features.Payments.TransitionAudit.PaymentMove.IsoStatus"] = "the bank's verbatim ISO code, not our status",
        // A statement entry's booking status as Formats parses and stores it (BOOK/PDNG constants of EntryStatus), not a
        // payment status; typing it means changing every statement reader (issue #13 reworks them).
        ["BankFunctions.Features.Statements.EntryKeys.Supersedes(incomingStatus)"] = "statement entry status text from Formats, until #13",
        ["BankFunctions.Features.Statements.EntryKeys.Supersedes(storedStatus)"] = "statement entry status text from Formats, until #13",
    };

    [Fact]
    public void No_public_signature_in_Domain_or_Features_types_a_status_or_an_amount_as_string()
    {
        var found = Violations().ToHashSet(StringComparer.Ordinal);

        var added = found.Where(v => !Allowed.ContainsKey(v)).Order(StringComparer.Ordinal).ToList();
        var fixedNow = Allowed.Keys.Where(a => !found.Contains(a)).Order(StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0 && fixedNow.Count == 0,
            "string status/amount in a public signature (use PaymentStatus, Money, …):\n" + string.Join('\n', added)
            + "\n\nallow-listed but no longer a violation — remove from Allowed:\n" + string.Join('\n', fixedNow));
    }

    [Fact]
    public void The_scan_sees_a_string_status_and_a_string_amount()
    {
        Assert.Contains($"{Name(typeof(Sample))}.Status", Scan(typeof(Sample)));
        Assert.Contains($"{Name(typeof(Sample))}.Convert(minAmount)", Scan(typeof(Sample)));
        Assert.Contains($"{Name(typeof(Sample))}.NextStatus()", Scan(typeof(Sample)));
        Assert.DoesNotContain($"{Name(typeof(Sample))}.Reason", Scan(typeof(Sample)));
        Assert.DoesNotContain($"{Name(typeof(Sample))}.Parse(status)", Scan(typeof(Sample)));
    }

    [Fact]
    public void The_contract_records_are_left_to_their_strings()
    {
        var contract = ContractTypes();
        Assert.Contains(typeof(Features.Payments.PaymentView), contract); // a response body
        Assert.Contains(typeof(Features.Payments.MoneyView), contract); // reached through its properties
        Assert.Equal(typeof(string), typeof(Features.Payments.PaymentView).GetProperty("Status")!.PropertyType);
    }

    /// <summary>The contract's records: bodies of HTTP functions and every Features/Domain type their properties reach.</summary>
    internal static HashSet<Type> ContractTypes()
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(FunctionCatalog.All.Select(f => f.Trigger).OfType<HttpTrigger>()
            .SelectMany(h => new[] { h.RequestBody, h.ResponseBody }).OfType<Type>());
        while (pending.TryPop(out var type))
        {
            foreach (var t in Unwrap(type).Where(IsScanned))
            {
                if (seen.Add(t))
                {
                    foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                    {
                        pending.Push(p.PropertyType);
                    }
                }
            }
        }
        return seen;
    }

    private static IEnumerable<string> Violations()
    {
        var contract = ContractTypes();
        return new[] { typeof(Domain.Money).Assembly, typeof(FunctionCatalog).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => !contract.Contains(t) && !t.IsDefined(typeof(CompilerGeneratedAttribute)))
            .SelectMany(Scan);
    }

    private static IEnumerable<string> Scan(Type type)
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var name = Name(type);
        foreach (var p in type.GetProperties(Declared).Where(p => Typed(p.PropertyType, p.Name)))
        {
            yield return $"{name}.{p.Name}";
        }
        foreach (var f in type.GetFields(Declared).Where(f => Typed(f.FieldType, f.Name)))
        {
            yield return $"{name}.{f.Name}";
        }
        var properties = type.GetProperties(Declared).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var c in type.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
        {
            // A record's positional parameter is reported once, as its property.
            foreach (var p in c.GetParameters().Where(p => Typed(p.ParameterType, p.Name) && !properties.Contains(p.Name!)))
            {
                yield return $"{name}..ctor({p.Name})";
            }
        }
        foreach (var m in type.GetMethods(Declared).Where(m => !m.IsSpecialName && !m.IsDefined(typeof(CompilerGeneratedAttribute)) && m.Name != "Deconstruct" && !IsParser(m)))
        {
            if (Typed(m.ReturnType, m.Name.EndsWith("Async", StringComparison.Ordinal) ? m.Name[..^5] : m.Name))
            {
                yield return $"{name}.{m.Name}()";
            }
            foreach (var p in m.GetParameters().Where(p => Typed(p.ParameterType, p.Name)))
            {
                yield return $"{name}.{m.Name}({p.Name})";
            }
        }
    }

    /// <summary>Parse/TryParse (Money.Parse(amount)) is where the text becomes the type: its string is the point.</summary>
    private static bool IsParser(MethodInfo method) =>
        method.Name.StartsWith("Parse", StringComparison.Ordinal) || method.Name.StartsWith("TryParse", StringComparison.Ordinal);

    /// <summary>A string (also by reference, or the result of a task) under a name that is or ends in Status or Amount.</summary>
    private static bool Typed(Type type, string? name)
    {
        if (type.IsByRef)
        {
            type = type.GetElementType()!;
        }
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }
        return type == typeof(string) && name is not null
            && (name.EndsWith("Status", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Amount", StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        yield return Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            yield return type.GetElementType()!;
        }
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            foreach (var inner in Unwrap(argument))
            {
                yield return inner;
            }
        }
    }

    private static bool IsScanned(Type type) =>
        type.Assembly == typeof(Domain.Money).Assembly || type.Assembly == typeof(FunctionCatalog).Assembly;

    private static string Name(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    /// <summary>What the scan must see; it lives here, not in Features, so it is no violation of the rule.</summary>
    public sealed record Sample(string Status, string Reason)
    {
        public static decimal Convert(string minAmount) => decimal.Parse(minAmount, System.Globalization.CultureInfo.InvariantCulture);

        public string NextStatus() => Status;

        public static Sample Parse(string status) => new(status, "");
    }
}
