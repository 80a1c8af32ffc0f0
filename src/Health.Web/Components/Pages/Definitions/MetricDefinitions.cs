namespace Health.Web.Components.Pages.Definitions;

/// <summary>One metric in plain words; <see cref="Id"/> is its CSV column name and its anchor on the definitions page.</summary>
public sealed record MetricDefinition(string Id, string Text, string? Chaoss = null);

/// <summary>A group of definitions under one heading.</summary>
public sealed record DefinitionGroup(string Title, IReadOnlyList<MetricDefinition> Metrics);

/// <summary>The definitions the dashboard links to, worded as in the README's Metrics section (METRICS.md is the contract).</summary>
public static class MetricDefinitions
{
    public static IReadOnlyList<DefinitionGroup> Groups { get; } =
    [
        new("Pull requests (bot-authored PRs left out)",
        [
            new("prs_opened", "PRs created in the period.", "Change Requests"),
            new("prs_merged", "PRs merged in the period.", "Change Requests Accepted"),
            new("prs_closed_unmerged", "PRs closed in the period without ever being merged.", "Change Requests Declined"),
            new("merge_rate", "prs_merged / (prs_merged + prs_closed_unmerged): of the PRs finished in the period, the share that was merged. Blank when none finished.", "Change Request Acceptance Ratio"),
            new("open_prs_at_end", "The backlog: PRs created before the period's end and still open at that moment (not closed, or closed at or after the end)."),
            new("pr_first_response_median_h", "For PRs opened in the period that have a response, the median of the hours from opening to the first response. A response is a submitted review (any state but PENDING), a comment on the PR, or a review comment on its code, by someone who is neither a bot nor the PR's author. PRs without a response are left out here and counted in prs_unanswered.", "Time to First Response"),
            new("pr_first_response_p90_h", "As pr_first_response_median_h, the 90th percentile instead of the median.", "Time to First Response"),
            new("prs_unanswered", "PRs opened in the period that have had no response at all so far."),
            new("pr_first_review_median_h", "As the first response, but only submitted reviews count; comments do not.", "Time to First Response (reviews only)"),
            new("pr_first_review_p90_h", "As pr_first_review_median_h, the 90th percentile instead of the median. Shown by the dashboard; not a column of the metrics CSV."),
            new("pr_merge_median_h", "For PRs merged in the period, the median of the hours from opening to merge. Closed-unmerged PRs do not count.", "Change Requests Duration"),
            new("pr_merge_p90_h", "As pr_merge_median_h, the 90th percentile instead of the median.", "Change Requests Duration"),
            new("bot_prs_opened", "Shown only when the page's bots option is on: PRs created in the period by bot accounts. No other figure counts them."),
        ]),
        new("Issues (pull requests are not issues here; bot-authored issues left out)",
        [
            new("issues_opened", "Issues created in the period. Pull requests are not issues here, even though GitHub's issues endpoint lists them.", "Issues New"),
            new("issues_closed", "Issues closed in the period (state closed, with a closed_at).", "Issues Closed"),
            new("issue_first_response_median_h", "For issues opened in the period that have a response, the median of the hours from opening to the first comment by someone who is neither a bot nor the issue's author.", "Issue Response Time"),
            new("issue_close_median_h", "For issues closed in the period, the median of the hours from opening to closing.", "Issue Resolution Duration"),
            new("bot_issues_opened", "Shown only when the page's bots option is on: issues created in the period by bot accounts. No other figure counts them."),
        ]),
        new("Contributors (never bots, never deleted accounts)",
        [
            new("active_contributors", "Distinct accounts with at least one contribution in the period: opening a PR, submitting a review, opening an issue, or writing a comment or a review comment.", "Contributors"),
            new("new_contributors", "Distinct accounts whose earliest contribution in the collected data falls in the period.", "New Contributors"),
            new("newcomers", "Distinct accounts whose first PR in the repository was opened in the period. Comments, reviews and issues do not make a newcomer. The repository page lists the newcomers of the range's last complete period, with their first PR and whether it was merged.", "New Contributors (by first PR)"),
            new("newcomers_retained_90d", "Of the period's newcomers, those who opened another PR later than their first one and at most 90 days (2,160 hours) after it."),
            new("newcomer_retention_90d", "newcomers_retained_90d / newcomers. Blank while the 90-day window can still change the answer (the period's end plus 90 days is after the last successful sync), and when there are no newcomers."),
            new("newcomer_pr_merge_rate", "Of the PRs finished in the period (merged, or closed unmerged) that were their author's first PR, the share that was merged. Compare it with merge_rate: a widening gap points to drive-by, low-effort PRs that cost reviewers time.", "Change Request Acceptance Ratio, first PRs only"),
            new("bus_factor", "The smallest number of PR authors whose merged PRs make up at least half of the period's merged PRs. Only PRs whose author is known (not deleted) count. Blank when nothing was merged.", "Contributor Absence Factor"),
        ]),
        new("Shown by the dashboard only",
        [
            new("review_load", "Among the reviews submitted in the period (any state but PENDING) by accounts that are neither bots, deleted, nor the PR's author: the share made by the busiest reviewer, by the busiest 3 and by the busiest 10 (review_load_top1, _top3, _top10, from 0 to 1; blank when there were no reviews). Reviews of bot-authored PRs count. A high top-1 share means one person carries the reviewing."),
            new("cohort_retention", "A row is a monthly cohort: the newcomers whose first PR in the repository was opened in that calendar month (UTC). The cell month N is the share of the cohort who authored another PR, opened later than their first one, in the calendar month N months after the cohort's month (month 0: later in the same month), for N from 0 to 12. Only PRs count, not reviews or comments (unlike the cohorts CSV, which counts any contribution). A cell is blank until its month has ended before the last successful sync, and when the cohort has no newcomers."),
            new("waiting_for_response", "Open PRs (not drafts) and open issues, not opened by bots, that have no response yet by the rules of pr_first_response_median_h and issue_first_response_median_h, oldest first; the page shows the 10 that have waited longest and for how long. They show the repository as it is now, whatever the date range."),
        ]),
        new("Intake: who sends the pull requests, and what the rest costs",
        [
            new("prs_opened_maintainer", "PRs opened in the period by maintainers: their author_association, as GitHub reported it at the last sync, is OWNER, MEMBER or COLLABORATOR. Each PR has one origin, the first that applies: agent, bot, none (a deleted author), maintainer, newcomer, returning."),
            new("prs_opened_returning", "PRs opened in the period by returning contributors: any PR that is none of the other origins."),
            new("prs_opened_newcomer", "PRs opened in the period that were their author's first PR in the repository (as for newcomers)."),
            new("prs_opened_agent", "PRs opened in the period by AI coding agents: the author's login is one of Health:AgentLogins (a bot's with or without [bot]), or the body contains, ignoring case, one of Health:AgentMarkers. Only what is disclosed counts."),
            new("prs_opened_bot", "PRs opened in the period by bots that are not agents (here bots' PRs are counted, in their own column)."),
            new("merge_rate_maintainer", "For each origin (merge_rate_maintainer, _returning, _newcomer, _agent, _bot): of the PRs of that origin finished in the period (merged, or closed unmerged), the share merged. Blank when none finished."),
            new("merge_rate_returning", "As merge_rate_maintainer, for returning contributors."),
            new("merge_rate_newcomer", "As merge_rate_maintainer, for newcomers."),
            new("merge_rate_agent", "As merge_rate_maintainer, for AI coding agents."),
            new("merge_rate_bot", "As merge_rate_maintainer, for bots."),
            new("unmerged_response_share", "responses_on_unmerged / responses_on_finished: of the responses, whenever written, on the PRs of any origin finished in the period (bots' included; a deleted author's PR has no origin and is left out), the share on PRs closed without merging. The share of reviewers' attention that went to work that was not merged."),
            new("response_target_rate", "prs_target_met / prs_target_decided. Of the PRs opened in the period (bots' left out), those first answered within Health:ResponseTargetHours (48 by default; an answer before the PR counts as 0 h) are met; those met, or opened at least the target before the last sync, are decided."),
            new("pr_merge_median_h_xs", "Shown by the dashboard, not a CSV column: for PRs merged in the period whose size GitHub gave (lines added plus deleted), the median hours from opening to merge, by size: XS under 10 lines, S 10 to 49, M 50 to 249, L 250 to 999, XL 1,000 or more. Bot-authored PRs are left out."),
            new("pr_merge_median_h_s", "As pr_merge_median_h_xs, for S PRs (10 to 49 lines)."),
            new("pr_merge_median_h_m", "As pr_merge_median_h_xs, for M PRs (50 to 249 lines)."),
            new("pr_merge_median_h_l", "As pr_merge_median_h_xs, for L PRs (250 to 999 lines)."),
            new("pr_merge_median_h_xl", "As pr_merge_median_h_xs, for XL PRs (1,000 lines or more)."),
        ]),
    ];
}
