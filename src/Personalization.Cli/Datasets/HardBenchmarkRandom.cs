using System.Text;

namespace Personalization.Cli.Datasets;

/// <summary>
/// One random generator per generated photo, seeded by (seed, role, subject, index) through a stable hash: a photo's
/// randomness never depends on what else was generated, so queries are identical whatever <c>--references</c> or
/// <c>--subjects</c> say, and photos can be made in any order.
/// </summary>
internal static class HardBenchmarkRandom
{
    public static Random For(int seed, string role, string key, int index)
    {
        // FNV-1a, not string.GetHashCode: that one is randomised per process.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes($"{seed}|{role}|{key}|{index}"))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return new Random((int)(hash ^ (hash >> 32)) & int.MaxValue);
    }

    public static double Between(this Random random, double low, double high) => low + (random.NextDouble() * (high - low));

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
