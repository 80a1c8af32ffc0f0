namespace GitHubSimulator;

/// <summary>The distributions the generator draws from.</summary>
internal static class RandomExtensions
{
    public static double NextNormal(this Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A log-normal duration in seconds with the given median (seconds) and spread.</summary>
    public static long NextLogNormalSeconds(this Random rng, double median, double sigma) =>
        (long)Math.Min(median * Math.Exp(sigma * rng.NextNormal()), 20.0 * 365 * 86400);

    /// <summary>A geometric count (0, 1, 2, ...) with the given mean: heavy enough a tail for comment counts.</summary>
    public static int NextGeometric(this Random rng, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        double p = 1.0 / (1.0 + mean);
        double u = 1.0 - rng.NextDouble();
        return (int)Math.Min(Math.Floor(Math.Log(u) / Math.Log(1.0 - p)), 250);
    }

    public static bool Chance(this Random rng, double probability) => rng.NextDouble() < probability;

    /// <summary>A uniform time in [from, to] (seconds); <paramref name="from"/> when the range is empty.</summary>
    public static long NextTime(this Random rng, long from, long to) => to <= from ? from : from + (long)(rng.NextDouble() * (to - from + 1));
}
