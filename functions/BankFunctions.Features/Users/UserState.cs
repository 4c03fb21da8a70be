namespace BankFunctions.Features.Users;

/// <summary>Where a person stands: invited (never signed in), active, or disabled (refused at sign-in and on every request).</summary>
public enum UserState
{
    Invited,
    Active,
    Disabled,
}

public static class UserStates
{
    public static string ToWire(this UserState state) => state switch
    {
        UserState.Invited => "invited",
        UserState.Active => "active",
        UserState.Disabled => "disabled",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static UserState Parse(string stored) => stored switch
    {
        "invited" => UserState.Invited,
        "active" => UserState.Active,
        "disabled" => UserState.Disabled,
        _ => throw new InvalidOperationException($"Unknown user state '{stored}'."),
    };
}
