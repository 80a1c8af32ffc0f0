using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace GitHubSimulator;

/// <summary>
/// Node ids in GitHub's current style (a type prefix, then URL-safe base64 of the object's key), e.g.
/// <c>PR_</c> + base64("repoId:number"). They are opaque to clients; <see cref="TryDecode"/> reads them back for
/// <c>node(id:)</c>.
/// </summary>
internal static class NodeIds
{
    public const string PullRequest = "PR_";
    public const string Issue = "I_";
    public const string Thread = "PRRT_";

    public static string Of(string prefix, long id) => prefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id.ToString(CultureInfo.InvariantCulture)));

    public static string Of(PullNode node) => Of(PullRequest, node.Repo.Id, node.Pull.Number.ToString(CultureInfo.InvariantCulture));

    public static string Of(IssueNode node) => Of(Issue, node.Repo.Id, node.Issue.Number.ToString(CultureInfo.InvariantCulture));

    /// <summary>A thread's id: repository, pull request number, line and path (the path last, as it may hold anything).</summary>
    public static string Of(ThreadNode node) =>
        Of(Thread, node.Repo.Id, string.Create(CultureInfo.InvariantCulture, $"{node.Pull.Number}:{node.Line}:{node.Path}"));

    public static string Account(SimAccount account) => Of(account.Type switch
    {
        AccountTypes.Bot => "BOT_",
        AccountTypes.Organization => "O_",
        AccountTypes.Mannequin => "M_",
        _ => "U_",
    }, account.Id);

    /// <summary>Splits a node id into its prefix, repository id and the rest of the key; false when it is not one of ours.</summary>
    public static bool TryDecode(string id, out string prefix, out long repoId, out string rest)
    {
        prefix = "";
        repoId = 0;
        rest = "";
        int underscore = id.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !TryBase64(id[(underscore + 1)..], out string key))
        {
            return false;
        }

        int colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(key.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out repoId))
        {
            return false;
        }

        prefix = id[..(underscore + 1)];
        rest = key[(colon + 1)..];
        return true;
    }

    private static string Of(string prefix, long repoId, string key) =>
        prefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(repoId.ToString(CultureInfo.InvariantCulture) + ":" + key));

    private static bool TryBase64(string text, out string decoded)
    {
        decoded = "";
        if (text.Length == 0 || text.Length > 1024)
        {
            return false;
        }

        byte[] bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (Base64Url.DecodeFromChars(text, bytes, out _, out int written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        decoded = Encoding.UTF8.GetString(bytes, 0, written);
        return true;
    }
}
