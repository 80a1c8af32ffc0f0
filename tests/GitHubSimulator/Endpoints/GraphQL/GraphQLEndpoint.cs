using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace GitHubSimulator;

/// <summary>
/// <c>POST /graphql</c>: parse, validate against the served schema, price the query (GitHub's cost and node limits),
/// take its points from the caller's GraphQL budget, then run it under the world lock and write GitHub's JSON. A query refused
/// before it runs (invalid, over a limit, rate-limited) uses no points; one that runs, or times out, uses its cost.
/// </summary>
internal sealed class GraphQLEndpoint(World world, SimulatorOptions options, ILogger logger)
{
    private readonly DocumentValidator _validator = new();
    private readonly DocumentExecuter _executer = new(
        new GraphQLDocumentBuilder(),
        new DocumentValidator(),
        new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(SerialExecutionStrategy.Instance, OperationType.Query)]),
        []);

    /// <summary><c>/graphql</c>; under a prefix, the prefix less a trailing <c>v3</c> segment plus <c>graphql</c> (api/v3 → /api/graphql).</summary>
    public static string PathFor(string prefix)
    {
        List<string> segments = [.. prefix.Split('/', StringSplitOptions.RemoveEmptyEntries)];
        if (segments.Count > 0 && string.Equals(segments[^1], "v3", StringComparison.OrdinalIgnoreCase))
        {
            segments.RemoveAt(segments.Count - 1);
        }

        segments.Add("graphql");
        return "/" + string.Join('/', segments);
    }

    public async Task<ApiResponse> AnswerAsync(Stream requestBody, RateLimiter limiter, bool partialData, string requestId, CancellationToken cancel)
    {
        GraphQLRequestBody? body = await GraphQLRequestBody.ReadAsync(requestBody, cancel);
        if (body is null)
        {
            return new ApiResponse(400, PooledBuffer.From(ErrorBodies.ProblemsParsingJson)) { Rate = Peek(limiter) };
        }

        if (body.Query is null)
        {
            return Refused(limiter, [new GraphQLErrorInfo("A query attribute must be specified and must be a string.")], null);
        }

        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(body.Query);
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            return Refused(limiter, [ValidationMessages.ParseError(ex)], body.OperationName);
        }

        if (OperationOf(document, body.OperationName) is not { } operation)
        {
            string problem = body.OperationName is null ? "An operation name is required" : $"No operation named \"{body.OperationName}\"";
            return Refused(limiter, [new GraphQLErrorInfo(problem)], body.OperationName);
        }

        string? name = operation.Name?.StringValue;
        ISchema schema = GitHubSchema.Instance;
        IValidationResult validation = await _validator.ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Rules = DocumentValidator.CoreRules,
            Variables = body.Variables,
            UserContext = new Dictionary<string, object?>(),
            CancellationToken = cancel,
        });
        if (!validation.IsValid)
        {
            return Refused(limiter, ValidationMessages.Translate(validation.Errors, document, operation), name);
        }

        QueryCost cost = QueryCost.Of(schema, document, operation, validation);
        if (cost.Error is not null)
        {
            return Refused(limiter, GraphQLResponseWriter.FromExecution([cost.Error]), name);
        }

        DateTime now = world.Now;
        if (!limiter.TryConsume(options, now, cost.Cost, out RateSnapshot rate))
        {
            return new ApiResponse(200, PooledBuffer.From(ErrorBodies.GraphQLRateLimited)) { Rate = limiter.Exhaust(options, now), Operation = name };
        }

        if (options.GraphQLTimeoutNodes is int heaviest && cost.NodeCount > heaviest)
        {
            var timeout = new GraphQLErrorInfo(GitHubErrors.Timeout(requestId));
            return new ApiResponse(502, GraphQLResponseWriter.Data(null, [timeout], 512))
            {
                Rate = rate,
                Points = cost.Cost,
                Operation = name,
                RequestId = requestId,
            };
        }

        var info = new RateLimitInfo(cost.Cost, rate.Limit, cost.NodeCount, rate.Remaining, DateTime.UnixEpoch.AddSeconds(rate.Reset), rate.Used);
        ExecutionResult result = Execute(document, name, body.Variables, new GraphQLContext(world, options, info, partialData), cancel);
        int sizeHint = (int)Math.Clamp(cost.NodeCount * 160, 4096, 8 << 20);
        PooledBuffer answer = GraphQLResponseWriter.Data(result.Data as ExecutionNode, GraphQLResponseWriter.FromExecution(result.Errors), sizeHint);
        return new ApiResponse(200, answer) { Rate = rate, Points = cost.Cost, Operation = name };
    }

    /// <summary>
    /// Runs the validated document under the world lock. Every resolver is synchronous, so the execution completes
    /// before the lock is released.
    /// </summary>
    private ExecutionResult Execute(GraphQLDocument document, string? operation, Inputs variables, GraphQLContext context, CancellationToken cancel)
    {
        var execution = new ExecutionOptions
        {
            Schema = GitHubSchema.Instance,
            Document = document,
            OperationName = operation,
            Variables = variables,
            UserContext = context,
            ValidationRules = [],
            CancellationToken = cancel,
            UnhandledExceptionDelegate = failure =>
            {
                logger.LogError(failure.OriginalException, "GraphQL resolver failed");
                return Task.CompletedTask;
            },
        };
        lock (world.SyncRoot)
        {
            return _executer.ExecuteAsync(execution).GetAwaiter().GetResult();
        }
    }

    /// <summary>The operation to run: the one named, or the only one.</summary>
    private static GraphQLOperationDefinition? OperationOf(GraphQLDocument document, string? name)
    {
        List<GraphQLOperationDefinition> operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return name is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.Find(o => o.Name?.StringValue == name);
    }

    private ApiResponse Refused(RateLimiter limiter, List<GraphQLErrorInfo> errors, string? operation) =>
        new(200, GraphQLResponseWriter.Errors(errors)) { Rate = Peek(limiter), Operation = operation };

    private RateSnapshot Peek(RateLimiter limiter) => limiter.Peek(options, world.Now);
}
