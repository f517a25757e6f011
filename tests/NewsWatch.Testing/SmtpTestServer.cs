using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerResponse = SmtpServer.Protocol.SmtpResponse;

namespace NewsWatch.Testing;

/// <summary>
/// A real SMTP server in this process (the SmtpServer package) on 127.0.0.1 and a free port, plain text, no login.
/// It keeps every message it accepts (parsed by MimeKit) per recipient, and can be told to refuse a recipient for good
/// (550 at RCPT TO) or to fail the next transactions transiently (451 after DATA, or 421 at MAIL FROM).
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop;
    private readonly ConcurrentDictionary<string, bool> _rejected = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _unavailableFor = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<ReceivedEmail> _received = new();
    private readonly Task _running;
    private int _transientFailures;
    private int _transientCode;
    private int _transactions;

    private SmtpTestServer(SmtpServer.SmtpServer server, CancellationTokenSource stop, Task running, int port)
    {
        _server = server;
        _stop = stop;
        _running = running;
        Port = port;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The host to connect to.</summary>
    public string Host => "127.0.0.1";

    /// <summary>Every accepted message, in order, with the envelope recipients it was accepted for.</summary>
    public IReadOnlyList<ReceivedEmail> Received => [.. _received];

    /// <summary>MAIL FROM commands that reached the server (accepted or failed), counting every try of every client.</summary>
    public int Transactions => Volatile.Read(ref _transactions);

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<SmtpTestServer> StartAsync()
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        SmtpTestServer? self = null;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp-test.localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Filter(() => self!));
        services.Add(new Store(() => self!));
        var server = new SmtpServer.SmtpServer(options, services);
        var cts = new CancellationTokenSource();
        var running = server.StartAsync(cts.Token);
        var finished = await Task.WhenAny(started.Task, running, Task.Delay(TimeSpan.FromSeconds(30))).ConfigureAwait(false);
        if (finished != started.Task)
        {
            await cts.CancelAsync().ConfigureAwait(false);
            cts.Dispose();
            throw new InvalidOperationException("The SMTP test server did not start listening.", running.Exception);
        }

        self = new SmtpTestServer(server, cts, running, await started.Task.ConfigureAwait(false));
        return self;
    }

    /// <summary>From now on, RCPT TO <paramref name="address"/> gets 550 (mailbox unavailable).</summary>
    public void RejectRecipient(string address) => _rejected[address] = true;

    /// <summary>
    /// The next <paramref name="times"/> RCPT TO <paramref name="address"/> get 421 (service not available) and the
    /// server closes the connection: the mail server is down as far as that recipient's emails can tell, while other
    /// recipients' emails go through.
    /// </summary>
    public void FailRecipientWithServiceNotAvailable(string address, int times) => _unavailableFor[address] = times;

    /// <summary>
    /// The next <paramref name="count"/> transactions fail transiently: <paramref name="code"/> 451 answers the message
    /// data ("local error in processing"), 421 answers MAIL FROM ("service not available").
    /// </summary>
    public void FailNextTransactions(int count, int code = 451)
    {
        if (code is not (451 or 421))
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "Use 451 or 421.");
        }

        Volatile.Write(ref _transientCode, code);
        Volatile.Write(ref _transientFailures, count);
    }

    /// <summary>The messages accepted for <paramref name="address"/> (envelope recipient, case-insensitive).</summary>
    public IReadOnlyList<MimeMessage> MessagesFor(string address) =>
        [.. _received.Where(r => r.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase)).Select(r => r.Message)];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            await _running.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Stopping is best effort: a session still open is cut when the process ends.
        }

        _stop.Dispose();
    }

    private bool TakeUnavailable(string address)
    {
        while (_unavailableFor.TryGetValue(address, out var left) && left > 0)
        {
            if (_unavailableFor.TryUpdate(address, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }

    private bool TakeTransientFailure(int code)
    {
        if (Volatile.Read(ref _transientCode) != code)
        {
            return false;
        }

        while (true)
        {
            var left = Volatile.Read(ref _transientFailures);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _transientFailures, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    /// <summary>One accepted message.</summary>
    /// <param name="From">The envelope sender.</param>
    /// <param name="Recipients">The envelope recipients.</param>
    /// <param name="Message">The message as MimeKit parsed it.</param>
    /// <param name="Raw">The message as received (headers and body).</param>
    public sealed record ReceivedEmail(string From, IReadOnlyList<string> Recipients, MimeMessage Message, string Raw);

    private sealed class Filter(Func<SmtpTestServer> server) : MailboxFilter
    {
        public override Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
        {
            var self = server();
            Interlocked.Increment(ref self._transactions);
            if (self.TakeTransientFailure(421))
            {
                throw new SmtpResponseException(new SmtpServerResponse(SmtpReplyCode.ServiceUnavailable, "Service not available, try again later"), quit: true);
            }

            return Task.FromResult(true);
        }

        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (server().TakeUnavailable(to.AsAddress()))
            {
                throw new SmtpResponseException(new SmtpServerResponse(SmtpReplyCode.ServiceUnavailable, "Service not available, try again later"), quit: true);
            }

            return Task.FromResult(!server()._rejected.ContainsKey(to.AsAddress()));
        }
    }

    private sealed class Store(Func<SmtpTestServer> server) : MessageStore
    {
        public override async Task<SmtpServerResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var self = server();
            if (self.TakeTransientFailure(451))
            {
                return new SmtpServerResponse(SmtpReplyCode.Aborted, "Local error in processing, try again later");
            }

            var bytes = buffer.ToArray();
            using var stream = new MemoryStream(bytes);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            self._received.Enqueue(new ReceivedEmail(
                transaction.From.AsAddress(),
                [.. transaction.To.Select(t => t.AsAddress())],
                message,
                System.Text.Encoding.UTF8.GetString(bytes)));
            return SmtpServerResponse.Ok;
        }
    }
}
