namespace BankFunctions.Features.Approvals;

/// <summary>
/// One level a payment or batch needs, as snapshotted at submission (issue #15: a later change of the workflow never
/// lowers what it needs), with who has approved at it so far.
/// </summary>
public sealed record RequiredLevel(string Name, int Approvals, IReadOnlyList<string> Groups, IReadOnlyList<LevelApproval> ApprovedBy)
{
    public bool IsComplete => ApprovedBy.Count >= Approvals;
}

/// <summary>
/// An approval at a level: the person or key (<see cref="By"/>: user id or key id), when, the approval groups they held
/// then, and a person's display name at that moment (<see cref="Name"/>; null for a key).
/// </summary>
public sealed record LevelApproval(string By, DateTimeOffset? At, IReadOnlyList<string>? Groups = null, string? Name = null);

/// <summary>Who is approving: the caller's actor (user id or key id), approval groups and, for a person, display name.</summary>
public sealed record Approver(string Actor, IReadOnlyList<string> Groups, string? Name = null);

/// <summary>Why an approval is refused.</summary>
public enum ApprovalRefusalReason
{
    /// <summary>The creator of a payment never approves it.</summary>
    Creator,
    /// <summary>One person approves a payment at most once, whatever the level.</summary>
    AlreadyApproved,
    /// <summary>The caller is in none of the groups of the level waiting for approval, nor of any later one.</summary>
    NotInGroup,
    /// <summary>The caller may approve a later level, but an earlier one is still waiting.</summary>
    LevelOrder,
    /// <summary>Every level is complete already.</summary>
    NothingLeft,
}

/// <summary>What an approval attempt decides.</summary>
public abstract record ApprovalOutcome
{
    public sealed record Refused(ApprovalRefusalReason Reason, string Detail) : ApprovalOutcome;

    /// <param name="Levels">The snapshot with this approval added.</param>
    /// <param name="Level">The index of the level the approval counted for.</param>
    /// <param name="FullyApproved">Every level is now complete.</param>
    public sealed record Recorded(IReadOnlyList<RequiredLevel> Levels, int Level, bool FullyApproved) : ApprovalOutcome;
}

/// <summary>Decisions on a snapshot of required levels. Pure.</summary>
public static class ApprovalLevelRules
{
    /// <summary>The level waiting for approvals (the first incomplete one), or -1 when all are complete.</summary>
    public static int Current(IReadOnlyList<RequiredLevel> levels)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            if (!levels[i].IsComplete)
            {
                return i;
            }
        }
        return -1;
    }

    public static bool FullyApproved(IReadOnlyList<RequiredLevel> levels) => Current(levels) < 0;

    public static int TotalRequired(IReadOnlyList<RequiredLevel> levels) => levels.Sum(l => l.Approvals);

    /// <summary>Everyone who approved, at any level, in order.</summary>
    public static IReadOnlyList<string> Approvers(IReadOnlyList<RequiredLevel> levels) => levels.SelectMany(l => l.ApprovedBy).Select(a => a.By).ToList();

    public static bool Fits(RequiredLevel level, IReadOnlyList<string> groups) =>
        level.Groups.Count == 0 || level.Groups.Any(g => groups.Contains(g, StringComparer.Ordinal));

    /// <summary>
    /// May <paramref name="approver"/> approve now, and what changes: the creator never approves, one person approves
    /// at most once, and only at the first incomplete level, as a member of one of its groups (or any approver when
    /// it names none).
    /// </summary>
    public static ApprovalOutcome Decide(IReadOnlyList<RequiredLevel> levels, string createdBy, Approver approver, DateTimeOffset now)
    {
        if (approver.Actor == createdBy)
        {
            return new ApprovalOutcome.Refused(ApprovalRefusalReason.Creator, "The creator can never approve it (dual control); another approver must.");
        }
        if (Approvers(levels).Contains(approver.Actor, StringComparer.Ordinal))
        {
            return new ApprovalOutcome.Refused(ApprovalRefusalReason.AlreadyApproved, "You have already approved it; one person approves at most once, another must give the next approval.");
        }
        var current = Current(levels);
        if (current < 0)
        {
            return new ApprovalOutcome.Refused(ApprovalRefusalReason.NothingLeft, "Every approval level is complete already.");
        }
        var level = levels[current];
        if (!Fits(level, approver.Groups))
        {
            for (var later = current + 1; later < levels.Count; later++)
            {
                if (Fits(levels[later], approver.Groups))
                {
                    return new ApprovalOutcome.Refused(ApprovalRefusalReason.LevelOrder,
                        $"Level {current + 1} '{level.Name}' must be approved before level {later + 1} '{levels[later].Name}'.");
                }
            }
            return new ApprovalOutcome.Refused(ApprovalRefusalReason.NotInGroup,
                $"Level {current + 1} '{level.Name}' is approved by members of {string.Join(", ", level.Groups.Select(g => $"'{g}'"))}; you are in none of them.");
        }
        var updated = levels.ToList();
        updated[current] = level with { ApprovedBy = [.. level.ApprovedBy, new LevelApproval(approver.Actor, now, approver.Groups.Count == 0 ? null : approver.Groups, approver.Name)] };
        return new ApprovalOutcome.Recorded(updated, current, FullyApproved(updated));
    }

    /// <summary>Whether <paramref name="approver"/> could approve now (the pending list).</summary>
    public static bool CanApprove(IReadOnlyList<RequiredLevel> levels, string createdBy, Approver approver) =>
        Decide(levels, createdBy, approver, DateTimeOffset.MinValue) is ApprovalOutcome.Recorded;

    /// <summary>
    /// The sign stage's re-check (the workflow may have been tightened since approval): the approvals given are
    /// counted against the <paramref name="current"/> requirement, each person once, level by level, as a member of
    /// the groups they held when approving. Null when they satisfy it; otherwise the snapshot with the unmet part
    /// appended as further levels. Never lower: the snapshot's own levels stay as they were.
    /// </summary>
    public static IReadOnlyList<RequiredLevel>? Tighten(IReadOnlyList<RequiredLevel> snapshot, IReadOnlyList<RequiredLevel> current)
    {
        var unused = snapshot.SelectMany(l => l.ApprovedBy).DistinctBy(a => a.By).ToList();
        var unmet = new List<RequiredLevel>();
        foreach (var level in current)
        {
            var taken = 0;
            for (var i = 0; i < unused.Count && taken < level.Approvals; i++)
            {
                if (Fits(level, unused[i].Groups ?? []))
                {
                    unused.RemoveAt(i--);
                    taken++;
                }
            }
            if (taken < level.Approvals)
            {
                unmet.Add(new RequiredLevel(level.Name, level.Approvals - taken, level.Groups, []));
            }
        }
        return unmet.Count == 0 ? null : [.. snapshot, .. unmet];
    }
}
