namespace GitHubSimulator;

/// <summary>
/// The accounts a generated world draws from: humans ranked by activity (Zipf-like, so a few people do most of
/// the work and a long tail appears once), the core maintainers (the top ranks), bots, and the ghost account.
/// Accounts get created on first use, so the world lists only accounts that appear in it.
/// </summary>
internal sealed class Population
{
    private const double AuthorSkew = 1.1;
    private readonly double[] _cumulative;
    private readonly double[] _coreCumulative;
    private readonly SimAccount?[] _humans;
    private readonly HashSet<string> _logins = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SimAccount> _used = [];
    private readonly DateTime _start;

    public Population(int totalPrs, string owner, int seed, DateTime start)
    {
        _start = start;
        int humans = Math.Max(30, (int)(totalPrs * 0.3));
        CoreCount = Math.Clamp(3 + (int)Math.Log2((totalPrs / 50.0) + 1), 3, 12);
        _humans = new SimAccount?[humans];
        _cumulative = Cumulative(humans, AuthorSkew);
        _coreCumulative = Cumulative(CoreCount, 1.0);
        Organization = Reserve(new SimAccount(6_000_000 + (seed & 0xFFFF), owner, AccountTypes.Organization));
        Dependabot = Reserve(new SimAccount(49_699_333, "dependabot[bot]", AccountTypes.Bot));
        Renovate = Reserve(new SimAccount(29_139_614, "renovate[bot]", AccountTypes.Bot));
        Actions = Reserve(new SimAccount(41_898_282, "github-actions[bot]", AccountTypes.Bot));
        Codecov = Reserve(new SimAccount(22_429_695, "codecov[bot]", AccountTypes.Bot));
        CiHelper = Reserve(new SimAccount(900_001, "ci-helper", AccountTypes.User));
        Ghost = Reserve(new SimAccount(10_137, "ghost", AccountTypes.User));
    }

    public int CoreCount { get; }
    public SimAccount Organization { get; }
    public SimAccount Dependabot { get; }
    public SimAccount Renovate { get; }
    public SimAccount Actions { get; }
    public SimAccount Codecov { get; }

    /// <summary>A bot in all but type: a deployment lists it as an extra bot login.</summary>
    public SimAccount CiHelper { get; }

    public SimAccount Ghost { get; }

    /// <summary>The accounts that appeared, plus the organization, by id.</summary>
    public IEnumerable<SimAccount> UsedAccounts()
    {
        var seen = new HashSet<long>();
        return _used.Where(a => seen.Add(a.Id)).OrderBy(a => a.Id);
    }

    public bool IsBotLike(SimAccount? account) => account is not null && (account.Type == AccountTypes.Bot || account == CiHelper);

    public bool IsCore(SimAccount? account) => account is not null && account.Id < HumanId(CoreCount) && account.Id >= HumanId(0);

    public IEnumerable<SimAccount> Core() => Enumerable.Range(0, CoreCount).Select(Human);

    /// <summary>Any human, weighted by activity.</summary>
    public SimAccount Draw(Random rng) => Human(Sample(_cumulative, rng));

    /// <summary>A core maintainer, weighted (the top one reviews most).</summary>
    public SimAccount DrawCore(Random rng) => Human(Sample(_coreCumulative, rng));

    public SimAccount Use(SimAccount account)
    {
        _used.Add(account);
        return account;
    }

    private SimAccount Human(int rank)
    {
        SimAccount? account = _humans[rank];
        if (account is null)
        {
            account = new SimAccount(HumanId(rank), Login(rank), AccountTypes.User)
            {
                CreatedAt = _start.AddDays(-((rank * 7919L) % 3000) - 1),
            };
            _humans[rank] = account;
            _used.Add(account);
        }

        return account;
    }

    private static long HumanId(int rank) => 60_000_000L + (rank * 53L) + ((rank * 2654435761L) % 50);

    private string Login(int rank)
    {
        string[] first = TextPool.FirstNames;
        string[] last = TextPool.LastNames;
        string f = first[rank % first.Length];
        string l = last[(rank / first.Length) % last.Length];
        int round = rank / (first.Length * last.Length);
        string login = (int)((rank * 40503L) % 4) switch
        {
            0 => f + l,
            1 => f + "-" + l,
            2 => f[0] + l,
            _ => l + "-" + f,
        };
        if (round > 0)
        {
            login += round.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        string unique = login;
        for (int n = 2; !_logins.Add(unique); n++)
        {
            unique = login + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return unique;
    }

    private SimAccount Reserve(SimAccount account)
    {
        _logins.Add(account.Login);
        return account;
    }

    private static double[] Cumulative(int count, double skew)
    {
        var cumulative = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, skew);
            cumulative[i] = sum;
        }

        return cumulative;
    }

    private static int Sample(double[] cumulative, Random rng)
    {
        double target = rng.NextDouble() * cumulative[^1];
        int index = Array.BinarySearch(cumulative, target);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }
}
