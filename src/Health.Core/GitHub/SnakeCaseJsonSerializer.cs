using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Health.Core.GitHub.Dto;
using Octokit.Internal;

namespace Health.Core.GitHub;

/// <summary>
/// Octokit's serializer hook, filled with System.Text.Json: GitHub's snake_case straight into our DTO records,
/// unknown fields skipped. A malformed body becomes <see cref="MalformedResponseException"/>, which the pager retries.
/// </summary>
internal sealed class SnakeCaseJsonSerializer : IJsonSerializer
{
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = false,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(GitHubJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public string Serialize(object item) => JsonSerializer.Serialize(item, Options);

    public T Deserialize<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new MalformedResponseException("GitHub answered JSON null where data was expected.");
        }
        catch (JsonException e)
        {
            throw new MalformedResponseException($"GitHub's answer is not the JSON expected ({e.Message}).", e);
        }
    }
}

/// <summary>A body that is not the JSON expected (e.g. cut short): transient, retried.</summary>
public sealed class MalformedResponseException(string message, Exception? inner = null) : Exception(message, inner);
