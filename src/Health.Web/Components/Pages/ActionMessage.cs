namespace Health.Web.Components.Pages;

/// <summary>What an action of an <see cref="ActionPage"/> says: what it did, or (<see cref="IsError"/>) why it did not.</summary>
public sealed record ActionMessage(string Text, bool IsError)
{
    public static ActionMessage Done(string text) => new(text, false);

    public static ActionMessage Error(string text) => new(text, true);
}
