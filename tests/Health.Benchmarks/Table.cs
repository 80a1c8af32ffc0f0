namespace Health.Benchmarks;

/// <summary>Prints figures as a Markdown table, ready for the README and the issue note.</summary>
internal static class Table
{
    public static void Print(string title, IReadOnlyList<(string Figure, string Value, string Target)> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"### {title}");
        Console.WriteLine();
        Console.WriteLine("| figure | measured | target |");
        Console.WriteLine("| --- | ---: | --- |");
        foreach (var (figure, value, target) in rows)
        {
            Console.WriteLine($"| {figure} | {value} | {target} |");
        }
    }
}
