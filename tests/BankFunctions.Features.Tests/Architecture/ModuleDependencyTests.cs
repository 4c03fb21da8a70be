using System.Reflection;
using System.Reflection.Emit;

namespace BankFunctions.Features.Tests.Architecture;

/// <summary>
/// Modules of Features that must not depend on each other (issue #12 §5): Statements reconciles through the payment
/// state machine (Payments), Dispatch indexes references through PaymentReferences — neither reaches into the other.
/// Checked on the compiled assembly: every type of a module (with its compiler-generated lambdas and async state
/// machines), its signatures, and every type, method and field its IL names.
/// </summary>
public sealed class ModuleDependencyTests
{
    private const string Features = "BankFunctions.Features.";

    [Theory]
    [InlineData("Receivables", "Statements")]
    [InlineData("Receivables", "Dispatch")]
    [InlineData("Receivables", "ManualMatching")]
    [InlineData("Statements", "Dispatch")]
    [InlineData("Dispatch", "Statements")]
    [InlineData("PaymentReferences", "Statements")]
    [InlineData("PaymentReferences", "Dispatch")]
    public void A_module_does_not_use_the_other(string module, string forbidden)
    {
        var uses = Uses(Features + module).Where(u => InModule(u.Used, Features + forbidden)).Select(u => $"{u.User.FullName} → {u.Used.FullName}").Distinct().ToList();
        Assert.True(uses.Count == 0, $"{module} uses {forbidden}:\n" + string.Join("\n", uses));
    }

    [Fact]
    public void The_scan_sees_what_a_module_uses()
    {
        // A check that sees nothing would pass forever: Statements' reconciler moves payments through Payments.
        Assert.Contains(Uses(Features + "Statements"), u => u.Used.FullName == "BankFunctions.Features.Payments.PaymentTransitions");
        Assert.Contains(Uses(Features + "Dispatch"), u => u.Used.Namespace == "BankFunctions.Features.PaymentReferences");
    }

    internal static bool InModule(Type type, string ns) => type.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal));

    /// <summary>Every type the types of namespace <paramref name="ns"/> (and below) name, with the type that names it.</summary>
    internal static IEnumerable<(Type User, Type Used)> Uses(string ns)
    {
        var assembly = typeof(FunctionCatalog).Assembly;
        foreach (var type in assembly.GetTypes().Where(t => InModule(t, ns)))
        {
            foreach (var used in Signatures(type).Concat(IlReferences(type)).SelectMany(Expand))
            {
                yield return (type, used);
            }
        }
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> Signatures(Type type)
    {
        if (type.BaseType is { } b) yield return b;
        foreach (var i in type.GetInterfaces()) yield return i;
        foreach (var f in type.GetFields(Declared)) yield return f.FieldType;
        foreach (var p in type.GetProperties(Declared)) yield return p.PropertyType;
        foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            foreach (var p in m.GetParameters()) yield return p.ParameterType;
            if (m is MethodInfo mi) yield return mi.ReturnType;
            if (m.GetMethodBody() is { } body)
            {
                foreach (var local in body.LocalVariables) yield return local.LocalType;
            }
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>Types named by the IL of every method and constructor (call, newobj, ldfld, ldtoken, castclass, …).</summary>
    private static IEnumerable<Type> IlReferences(Type type)
    {
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null) continue;
            var i = 0;
            while (i < il.Length)
            {
                short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
                i += il[i] == 0xFE ? 2 : 1;
                var op = OpCodesByValue[value];
                switch (op.OperandType)
                {
                    case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                        var token = BitConverter.ToInt32(il, i);
                        var member = Resolve(method, token);
                        if (member is Type t) yield return t;
                        else if (member is not null)
                        {
                            if (member.DeclaringType is { } d) yield return d;
                            if (member is FieldInfo f) yield return f.FieldType;
                            if (member is MethodInfo m) yield return m.ReturnType;
                        }
                        i += 4;
                        break;
                    case OperandType.InlineSwitch:
                        i += 4 + 4 * BitConverter.ToInt32(il, i);
                        break;
                    default:
                        i += Size(op.OperandType);
                        break;
                }
            }
        }
    }

    private static MemberInfo? Resolve(MethodBase method, int token)
    {
        try
        {
            var generic = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
            var methodGeneric = method.IsGenericMethod ? method.GetGenericArguments() : null;
            return method.Module.ResolveMember(token, generic, methodGeneric);
        }
        catch (ArgumentException)
        {
            return null; // A token of another kind (a string or signature): names no type.
        }
    }

    private static int Size(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    /// <summary>A type with its element type and generic arguments (a List&lt;BankFileStore&gt; uses BankFileStore).</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var t in Expand(element)) yield return t;
        }
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var t in type.GetGenericArguments().SelectMany(Expand)) yield return t;
        }
    }
}
