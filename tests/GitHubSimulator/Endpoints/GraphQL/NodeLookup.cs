using System.Globalization;

namespace GitHubSimulator;

/// <summary>Resolves the node ids <c>node(id:)</c> knows: pull requests, issues and review threads.</summary>
internal static class NodeLookup
{
    public static object? Find(GraphQLContext context, string id)
    {
        if (!NodeIds.TryDecode(id, out string prefix, out long repoId, out string rest) || context.RepositoryById(repoId) is not { } repo)
        {
            return null;
        }

        RepoIndex index = repo.GetIndex();
        switch (prefix)
        {
            case NodeIds.PullRequest when Number(rest) is int n && index.PullsByNumber.TryGetValue(n, out SimPull? pull):
                return new PullNode(repo, pull);
            case NodeIds.Issue when Number(rest) is int n && index.IssuesByNumber.TryGetValue(n, out SimIssue? issue):
                return new IssueNode(repo, issue);
            case NodeIds.Thread:
                return Thread(repo, index, rest);
            default:
                return null;
        }
    }

    /// <summary>A thread from "number:line:path", if the pull request still has comments there.</summary>
    private static ThreadNode? Thread(SimRepository repo, RepoIndex index, string key)
    {
        string[] parts = key.Split(':', 3);
        if (parts.Length != 3 || Number(parts[0]) is not int number || Number(parts[1]) is not int line
            || !index.PullsByNumber.TryGetValue(number, out SimPull? pull))
        {
            return null;
        }

        foreach (ThreadNode thread in ReviewThreads.Of(repo, index, pull))
        {
            if (thread.Line == line && string.Equals(thread.Path, parts[2], StringComparison.Ordinal))
            {
                return thread;
            }
        }

        return null;
    }

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) ? n : null;
}
