using Health.Core.Metrics;

namespace Health.Web.Cli;

/// <summary>A whole derivation's progress on stderr, a line a repository.</summary>
internal sealed class DerivationConsole(TextWriter error) : IProgress<DerivationProgress>
{
    public void Report(DerivationProgress value) => error.WriteLine(value.Repository is { } name
        ? $"facts: deriving {name} again under the current bot rules ({value.Done + 1} of {value.Total})"
        : $"facts: {value.Total} repositories derived again");
}
