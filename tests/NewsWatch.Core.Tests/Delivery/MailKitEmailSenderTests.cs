using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Delivery;
using NewsWatch.Testing;

namespace NewsWatch.Core.Tests.Delivery;

public sealed class MailKitEmailSenderTests : IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task Send_ServerAccepts_IsSentAndReceived()
    {
        using var message = Message("reader@example.org");

        var result = await Sender().SendAsync(Connection(_smtp.Port), message, CancellationToken.None);

        Assert.True(result.Accepted);
        var received = Assert.Single(_smtp.MessagesFor("reader@example.org"));
        Assert.Equal("Hello", received.Subject);
    }

    [Fact]
    public async Task Send_RecipientRefusedWith550_IsARejectionValueNotAnException()
    {
        _smtp.RejectRecipient("gone@example.org");
        using var message = Message("gone@example.org");

        var result = await Sender().SendAsync(Connection(_smtp.Port), message, CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal(550, result.StatusCode);
        Assert.Empty(_smtp.Received);
        Assert.Equal(1, _smtp.Transactions); // not retried
    }

    [Theory]
    [InlineData(451)]
    [InlineData(421)]
    public async Task Send_TransientFailuresFewerThanRetries_AreRetriedThenSent(int code)
    {
        _smtp.FailNextTransactions(2, code);
        using var message = Message("reader@example.org");

        var result = await Sender(retries: 3).SendAsync(Connection(_smtp.Port), message, CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.Equal(3, _smtp.Transactions);
        Assert.Single(_smtp.MessagesFor("reader@example.org"));
    }

    [Fact]
    public async Task Send_TransientFailuresOutlastRetries_Throws()
    {
        _smtp.FailNextTransactions(10, 451);
        using var message = Message("reader@example.org");

        var ex = await Assert.ThrowsAsync<SmtpCommandException>(() => Sender(retries: 2).SendAsync(Connection(_smtp.Port), message, CancellationToken.None));

        Assert.Equal(451, (int)ex.StatusCode);
        Assert.Equal(3, _smtp.Transactions);
        Assert.Empty(_smtp.Received);
        Assert.False(DeliveryOutage.IsMailServerUnreachable(ex)); // about this message: the try counts
    }

    [Fact]
    public async Task Send_ServiceNotAvailableOutlastsRetries_ThrowsWhatCountsAsAnOutage()
    {
        _smtp.FailNextTransactions(10, 421);
        using var message = Message("reader@example.org");

        var ex = await Assert.ThrowsAsync<SmtpCommandException>(() => Sender(retries: 1).SendAsync(Connection(_smtp.Port), message, CancellationToken.None));

        Assert.Equal(421, (int)ex.StatusCode);
        Assert.True(DeliveryOutage.IsMailServerUnreachable(ex));
    }

    [Fact]
    public async Task Send_ServerThatAcceptsTheConnectionButNeverGreets_TimesOut_AsAnOutage()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var held = new System.Collections.Concurrent.ConcurrentQueue<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    held.Enqueue(await silent.AcceptTcpClientAsync()); // kept open, never written to
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The listener stopped.
            }
        });
        using var message = Message("reader@example.org");

        var ex = await Record.ExceptionAsync(() => Sender(retries: 0, timeout: TimeSpan.FromSeconds(1)).SendAsync(Connection(port), message, CancellationToken.None));

        Assert.NotNull(ex);
        Assert.True(MailKitEmailSender.IsTransient(ex), ex.ToString());
        Assert.True(DeliveryOutage.IsMailServerUnreachable(ex), ex.ToString());
        silent.Stop();
        await accepting;
        Assert.NotEmpty(held);
        foreach (var client in held)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Send_ConnectionRefused_IsRetriedThenThrown()
    {
        var closedPort = ClosedPort();
        using var message = Message("reader@example.org");

        var ex = await Record.ExceptionAsync(() => Sender(retries: 1).SendAsync(Connection(closedPort), message, CancellationToken.None));

        Assert.NotNull(ex);
        Assert.True(MailKitEmailSender.IsTransient(ex), ex.ToString());
        Assert.True(DeliveryOutage.IsMailServerUnreachable(ex), ex.ToString());
    }

    private static MailKitEmailSender Sender(int retries = 3, TimeSpan? timeout = null) => new(
        Options.Create(new SmtpOptions { MaxRetryAttempts = retries, RetryDelay = TimeSpan.FromMilliseconds(5), Timeout = timeout ?? TimeSpan.FromSeconds(10) }),
        TimeProvider.System,
        NullLogger<MailKitEmailSender>.Instance);

    private static SmtpConnection Connection(int port) => new("127.0.0.1", port, SmtpTlsMode.None, null, null, "newswatch@example.org");

    private static MimeMessage Message(string to)
    {
        var message = new MimeMessage { Subject = "Hello", Body = new TextPart("plain") { Text = "Hi" } };
        message.From.Add(MailboxAddress.Parse("newswatch@example.org"));
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
