using Citadel.Audit;
using Citadel.Auth;
using Citadel.Auth.Access;
using Citadel.Node.Configuration;
using Grpc.Core;

namespace Citadel.Node.Security;

/// <summary>
/// Turns the gates' access decisions into audit entries: request facts (path, client address, tracing id), the
/// decision and who made the call. A no-op when <c>audit.enabled</c> is false.
/// </summary>
internal sealed class AccessAudit(AuditWriter? writer, AuditSettings settings)
{
    private const int MaxTracingIdLength = 256;
    private static readonly string[] TracingHeaders = ["x-request-id", "x-tracing-id", "traceparent"];

    // Static lambdas (no captured state): reading the tracing headers allocates nothing per request.
    private static readonly Func<IHeaderDictionary, string, string?> RestHeader = static (headers, name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private static readonly Func<Metadata, string, string?> GrpcHeader = static (headers, name) => headers.GetValue(name);

    /// <summary>The writer, for the query API and health reporting; null when audit is off.</summary>
    public AuditWriter? Writer => writer;

    /// <summary>Records a REST request refused by authentication, before routing (no method; api always present).</summary>
    public void Refused(HttpContext context, AuthOutcome outcome) => writer?.Record(new AuditEvent
        {
            Timestamp = writer.Now,
            Api = context.Request.Path.Value,
            AuthType = nameof(AuthType.None),
            Remote = Remote(context),
            TracingId = TracingId(context.Request.Headers, RestHeader),
            Allowed = false,
            Error = Describe(outcome),
        });

    /// <summary>Records a gRPC call refused by authentication.</summary>
    public void Refused(ServerCallContext context, AuthOutcome outcome) => writer?.Record(new AuditEvent
        {
            Timestamp = writer.Now,
            Api = context.Method,
            AuthType = nameof(AuthType.None),
            Remote = GrpcRemote(context),
            TracingId = TracingId(context.RequestHeaders, GrpcHeader),
            Allowed = false,
            Error = Describe(outcome),
        });

    /// <summary>Records an access decision on a REST request.</summary>
    public void Decided(HttpContext context, string action, Requirement requirement, RequestAuth auth, string? collection, string? denial)
    {
        if (writer is not null && AccessTable.IsAudited(action))
        {
            writer.Record(Decision(
                action,
                requirement,
                auth,
                collection,
                denial,
                context.Request.Path.Value,
                Remote(context),
                TracingId(context.Request.Headers, RestHeader)));
        }
    }

    /// <summary>Records an access decision on a gRPC call.</summary>
    public void Decided(ServerCallContext context, string action, Requirement requirement, RequestAuth auth, string? collection, string? denial)
    {
        if (writer is not null && AccessTable.IsAudited(action))
        {
            writer.Record(Decision(action, requirement, auth, collection, denial, context.Method, GrpcRemote(context), TracingId(context.RequestHeaders, GrpcHeader)));
        }
    }

    /// <summary>The first tracing header present, cut to 256 characters.</summary>
    private static string? TracingId<THeaders>(THeaders headers, Func<THeaders, string, string?> header)
    {
        foreach (var name in TracingHeaders)
        {
            if (header(headers, name) is { } value)
            {
                return Cut(value);
            }
        }

        return null;
    }

    /// <summary>At most 256 characters, never splitting a surrogate pair.</summary>
    private static string Cut(string value)
    {
        if (value.Length <= MaxTracingIdLength)
        {
            return value;
        }

        var cut = char.IsHighSurrogate(value[MaxTracingIdLength - 1]) ? MaxTracingIdLength - 1 : MaxTracingIdLength;
        return value[..cut];
    }

    private AuditEvent Decision(string action, Requirement requirement, RequestAuth auth, string? collection, string? denial, string? api, string? remote, string? tracingId) => new()
    {
        Timestamp = writer!.Now,
        Method = AccessTable.AuditMethod(action),
        Api = settings.LogApi ? api : null,
        AuthType = auth.Type.ToString(),
        Subject = auth.Subject,
        Remote = remote,
        Collection = requirement.Scope == RequirementScope.Collection ? collection : null,
        TracingId = tracingId,
        Allowed = denial is null,
        Error = denial is null ? null : "Forbidden: " + denial,
    };

    private static string Describe(AuthOutcome outcome) =>
        (outcome.FailureKind == Common.Errors.ErrorKind.Forbidden ? "Forbidden: " : "Unauthorized: ") + outcome.FailureMessage;

    private string? Remote(HttpContext context)
    {
        if (settings.TrustForwardedHeaders)
        {
            if (context.Request.Headers.TryGetValue("forwarded", out var forwarded) && forwarded.Count > 0)
            {
                return forwarded[0];
            }

            if (context.Request.Headers.TryGetValue("x-forwarded-for", out var xff) && xff.Count > 0)
            {
                return xff[0];
            }
        }

        return context.Connection.RemoteIpAddress?.ToString();
    }

    /// <summary>The IP part of gRPC's peer string (<c>ipv4:127.0.0.1:5000</c>, <c>ipv6:[::1]:5000</c>).</summary>
    private static string? GrpcRemote(ServerCallContext context)
    {
        var peer = context.Peer;
        if (string.IsNullOrEmpty(peer))
        {
            return null;
        }

        var address = peer[(peer.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var portSeparator = address.LastIndexOf(':');
        if (portSeparator > 0)
        {
            address = address[..portSeparator];
        }

        return address.Trim('[', ']');
    }
}
