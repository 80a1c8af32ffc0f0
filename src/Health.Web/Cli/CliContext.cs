namespace Health.Web.Cli;

/// <summary>Where a verb writes, and how tests adjust its configuration.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, Action<IHostApplicationBuilder>? Configure = null);
