namespace GitHubSimulator;

/// <summary>
/// A generated pull request's size and labels, drawn from a <see cref="Random"/> of its own, seeded from the world's
/// seed and the pull request's id, so that adding these facts left every other drawn value of a world unchanged.
/// </summary>
internal static class PullFacts
{
    /// <summary>Sets the sizes and labels; <paramref name="bot"/> pull requests (bots and bot-like users) are small, with one label.</summary>
    public static void Fill(SimPull pull, int worldSeed, bool bot)
    {
        var rng = new Random(Seed(worldSeed, pull.Id));
        double scale = bot ? 0.15 : 1.0;
        pull.Additions = (int)Math.Min(50_000, rng.NextLogNormalSeconds(40 * scale, 1.6));
        pull.Deletions = rng.Chance(0.15) ? 0 : (int)Math.Min(30_000, rng.NextLogNormalSeconds(12 * scale, 1.7));
        int changed = 1 + (int)Math.Min(3_000, rng.NextLogNormalSeconds(bot ? 0.5 : 2.0, 1.1));
        pull.ChangedFiles = Math.Max(1, Math.Min(changed, pull.Additions + pull.Deletions));
        if (bot)
        {
            pull.Labels.Add(pull.User?.Type == AccountTypes.Bot ? LabelCatalog.Dependencies : "ci");
            return;
        }

        double u = rng.NextDouble();
        int count = u switch
        {
            < 0.45 => 0,
            < 0.80 => 1,
            < 0.95 => 2,
            _ => 3,
        };
        IReadOnlyList<string> names = LabelCatalog.HumanLabels;
        while (pull.Labels.Count < count)
        {
            string name = names[rng.Next(names.Count)];
            if (!pull.Labels.Contains(name))
            {
                pull.Labels.Add(name);
            }
        }
    }

    /// <summary>A well-mixed 32-bit seed from the world's seed and an id (SplitMix64's finalizer).</summary>
    private static int Seed(int worldSeed, long id)
    {
        ulong z = ((ulong)(uint)worldSeed << 32) ^ (ulong)id;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
