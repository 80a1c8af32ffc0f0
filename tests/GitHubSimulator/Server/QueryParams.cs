using System.Globalization;

namespace GitHubSimulator;

/// <summary>The query string as sent (raw pairs, in order), for reading parameters and for rebuilding page links.</summary>
internal sealed class QueryParams
{
    private readonly List<KeyValuePair<string, string>> _raw = [];

    public QueryParams(string? queryString)
    {
        if (string.IsNullOrEmpty(queryString))
        {
            return;
        }

        foreach (string part in queryString.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            _raw.Add(eq < 0 ? new(part, "") : new(part[..eq], part[(eq + 1)..]));
        }
    }

    /// <summary>The decoded value of the first parameter called <paramref name="name"/>, or null.</summary>
    public string? Get(string name)
    {
        foreach (KeyValuePair<string, string> pair in _raw)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair.Value.Replace('+', ' '));
            }
        }

        return null;
    }

    public int GetInt(string name, int fallback) =>
        int.TryParse(Get(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;

    /// <summary>The query string with <c>page</c> set to <paramref name="page"/> (in place, or appended), other parameters as sent.</summary>
    public string WithPage(int page)
    {
        var parts = new List<string>(_raw.Count + 1);
        bool replaced = false;
        string pageText = page.ToString(CultureInfo.InvariantCulture);
        foreach (KeyValuePair<string, string> pair in _raw)
        {
            if (string.Equals(pair.Key, "page", StringComparison.Ordinal))
            {
                if (!replaced)
                {
                    parts.Add("page=" + pageText);
                    replaced = true;
                }
            }
            else
            {
                parts.Add(pair.Key + "=" + pair.Value);
            }
        }

        if (!replaced)
        {
            parts.Add("page=" + pageText);
        }

        return string.Join('&', parts);
    }
}
