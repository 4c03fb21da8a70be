using Azure;
using BankFunctions.Domain.Screening;

namespace BankFunctions.Features.Screening;

/// <summary>
/// Screens a name against every loaded list, in process: the lists are read from this deployment's own storage and
/// nothing about the name leaves it. Each list's index is built once per version (blob ETag) and shared; every screening
/// asks the storage listing for the current versions first, so a list loaded a moment ago is used at once.
/// </summary>
public sealed class Screener(ScreeningListStore lists, ScreeningOptions options) : IDisposable
{
    private readonly Dictionary<string, (ETag Version, ScreeningIndex Index)> _indexes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _building = new(1, 1);

    public decimal Threshold => options.Threshold;

    public void Dispose() => _building.Dispose();

    /// <summary>The best hit at or above the threshold over all lists, or null (also when no list is loaded).</summary>
    public async Task<ScreeningHit?> ScreenAsync(string name, CancellationToken cancellationToken) =>
        Best(await IndexesAsync(cancellationToken), name, options.Threshold);

    /// <summary>The best hit at or above <paramref name="threshold"/> in any of <paramref name="indexes"/>, or null.</summary>
    public static ScreeningHit? Best(IReadOnlyList<ScreeningIndex> indexes, string name, decimal threshold)
    {
        ScreeningHit? best = null;
        foreach (var index in indexes)
        {
            if (index.Screen(name, threshold) is [var hit, ..] && (best is null || hit.Score > best.Score))
            {
                best = hit;
            }
        }
        return best;
    }

    /// <summary>The current index of every loaded list (built here when its version is new).</summary>
    public async Task<IReadOnlyList<ScreeningIndex>> IndexesAsync(CancellationToken cancellationToken)
    {
        var current = await lists.ListAsync(cancellationToken);
        var result = new List<ScreeningIndex>(current.Count);
        foreach (var (view, version) in current)
        {
            lock (_indexes)
            {
                if (_indexes.TryGetValue(view.Source, out var cached) && cached.Version == version)
                {
                    result.Add(cached.Index);
                    continue;
                }
            }
            await _building.WaitAsync(cancellationToken);
            try
            {
                (ETag Version, ScreeningIndex Index) built;
                lock (_indexes)
                {
                    _indexes.TryGetValue(view.Source, out built);
                }
                if (built.Index is null || built.Version != version)
                {
                    // Replaced between the listing and the download: screen with what is there on the next message.
                    var entries = await lists.LoadAsync(view.Source, version, cancellationToken)
                        ?? throw new InvalidOperationException($"Screening list {view.Source} changed while loading; will retry.");
                    built = (version, new ScreeningIndex(entries));
                    lock (_indexes)
                    {
                        _indexes[view.Source] = built;
                    }
                }
                result.Add(built.Index);
            }
            finally
            {
                _building.Release();
            }
        }
        return result;
    }
}
