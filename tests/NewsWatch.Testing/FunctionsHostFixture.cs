using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.State;
using Xunit;
using Xunit.Sdk;

namespace NewsWatch.Testing;

/// <summary>
/// The function app running in the real Azure Functions host (<c>../shared/tools/functions-host/run</c>), with its own
/// Azurite, an in-process SMTP server, and a loopback news site that tests change between timer cycles. Use it as a
/// class or collection fixture (one per test class: every fixture has its own storage, so classes never see each
/// other's alerts), or derive from it and start the host in <see cref="OnInitializedAsync"/>.
/// <para>
/// On a machine without the host (<see cref="FunctionsHostPaths.SkipReason"/>) it starts nothing; mark the tests
/// <see cref="FunctionsHostFactAttribute"/> so that they are skipped with that reason.
/// </para>
/// <para>
/// The host gets: <c>AzureWebJobsStorage</c> (this Azurite), <c>NEWSWATCH_CONFIG</c> (<see cref="ConfigPath"/>; pass
/// null in the overrides to read blob <c>config/newswatch.json</c> instead), <c>NEWSWATCH_SCHEDULE</c> every 5 s,
/// <c>NEWSWATCH_DIGEST_SCHEDULE</c> every 5 minutes (the default of the app settings), <c>NEWSWATCH_SMTP_*</c> to <see cref="Smtp"/>, <c>NEWSWATCH_ALLOW_PRIVATE_NETWORKS=true</c> (the site is on
/// 127.0.0.1), a state folder and host id of its own per start, and two timing overrides of host.json for speed:
/// queue <c>visibilityTimeout</c> (the delay before a failed message is tried again) and <c>maxPollingInterval</c>,
/// 1 s each, and by default one message at a time (<see cref="OneMessageAtATime"/>). <c>maxDequeueCount</c> and
/// everything else come from the app's host.json unchanged.
/// </para>
/// </summary>
public class FunctionsHostFixture : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Subscriber to every rule (<c>["*"]</c>) in <see cref="ConfigJson"/>.</summary>
    public const string Everything = "all@example.org";

    /// <summary>Subscriber to rule <c>ceasefire</c> only in <see cref="ConfigJson"/>.</summary>
    public const string CeasefireOnly = "ceasefire@example.org";

    /// <summary>The id of the site's source in <see cref="ConfigJson"/>.</summary>
    public const string SourceId = "loopback-gazette";

    /// <summary>A folder to keep each host's output in after it stopped (for looking into a failure); unset: not kept.</summary>
    public const string LogFolderSetting = "NEWSWATCH_FUNCTIONS_HOST_LOGS";

    /// <summary>The timer schedule given to the host: every 5 seconds.</summary>
    public const string Schedule = "*/5 * * * * *";

    /// <summary>The rules of <see cref="ConfigJson"/> unless told otherwise.</summary>
    public static readonly IReadOnlyList<(string Id, string Query)> DefaultRules =
    [
        ("ceasefire", "ceasefire OR \"cease-fire\""),
        ("troops", "\"troops to Ukraine\""),
    ];

    /// <summary>What the host logs when its worker process ends.</summary>
    private const string WorkerExitedLine = "Language Worker Process exited";

    private const string HostUrlsSetting = "ASPNETCORE_URLS";
    private static int s_fixtures;

    private readonly int _number = Interlocked.Increment(ref s_fixtures);
    private FunctionsHostProcess? _host;
    private SmtpTestServer? _smtp;
    private LoopbackNewsSite? _site;
    private string? _workDirectory;
    private int _starts;

    /// <summary>Why the host cannot run here (the tests are skipped), or null.</summary>
    public static string? SkipReason => FunctionsHostPaths.SkipReason;

    /// <summary>The Azurite of this fixture (the host's <c>AzureWebJobsStorage</c>).</summary>
    public AzuriteFixture Azurite { get; } = new();

    /// <summary>The SMTP server the app sends to.</summary>
    public SmtpTestServer Smtp => _smtp ?? throw NotStarted();

    /// <summary>The loopback news site the config's source reads.</summary>
    public LoopbackNewsSite Site => _site ?? throw NotStarted();

    /// <summary>A temporary folder of this fixture (removed on dispose).</summary>
    public string WorkDirectory => _workDirectory ?? throw NotStarted();

    /// <summary>The config file given as <c>NEWSWATCH_CONFIG</c>.</summary>
    public string ConfigPath => Path.Combine(WorkDirectory, "newswatch.json");

    /// <summary>The running host.</summary>
    public FunctionsHostProcess Host => _host ?? throw new InvalidOperationException("The Functions host is not running: call StartHostAsync first.");

    /// <summary>The running host's output (host and worker logs).</summary>
    public FunctionsHostLog Log => Host.Log;

    /// <summary>The running host's HTTP root (HTTP triggers under <c>api/</c>).</summary>
    public Uri BaseUri => Host.BaseUri!;

    /// <summary>How long a host may take to log <c>Host started</c>.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// True (the default): the host takes one queue message at a time (host.json's queue <c>batchSize</c> 1,
    /// <c>newBatchThreshold</c> 0), so two scans of one source never overlap in this single instance. With the app's own
    /// batch of 8, a timer that fires again while a scan runs (the 5 s schedule here, or a cold start's catch-up) starts
    /// a second scan of the same source; see <c>OverlappingScansHostTests</c> for what that does today.
    /// </summary>
    public bool OneMessageAtATime { get; init; } = true;

    /// <summary>
    /// True (the default): every wait fails at once when the host logs that a worker process exited (a crash; the host
    /// would start another), with the host's output. Set false for a test that stops workers on purpose.
    /// </summary>
    public bool FailOnWorkerExit { get; init; } = true;

    /// <summary>The default bound of every <c>WaitFor...</c> helper.</summary>
    public TimeSpan DefaultWait { get; init; } = TimeSpan.FromSeconds(90);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        _workDirectory = Directory.CreateTempSubdirectory("newswatch-host-").FullName;
        await Azurite.InitializeAsync().ConfigureAwait(false);
        _smtp = await SmtpTestServer.StartAsync().ConfigureAwait(false);
        _site = await LoopbackNewsSite.StartAsync().ConfigureAwait(false);
        await OnInitializedAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await StopHostAsync().ConfigureAwait(false);
        if (_site is not null)
        {
            await _site.DisposeAsync().ConfigureAwait(false);
        }

        if (_smtp is not null)
        {
            await _smtp.DisposeAsync().ConfigureAwait(false);
        }

        await Azurite.DisposeAsync().ConfigureAwait(false);
        if (_workDirectory is not null)
        {
            try
            {
                Directory.Delete(_workDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    /// <summary>
    /// Starts a fixture of type <typeparamref name="T"/> inside a test (<c>await using var host = await
    /// FunctionsHostFixture.StartAsync&lt;MyFixture&gt;();</c>), for a test that should not cost a host start while it is
    /// skipped (xunit builds class fixtures even when every test of the class is skipped).
    /// </summary>
    public static async Task<T> StartAsync<T>()
        where T : FunctionsHostFixture, new()
    {
        var fixture = new T();
        try
        {
            await fixture.InitializeAsync().ConfigureAwait(false);
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The settings a host start gets (see the class summary); <see cref="StartHostAsync"/> applies overrides on top.</summary>
    public IDictionary<string, string?> DefaultSettings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["NEWSWATCH_CONFIG"] = ConfigPath,
            ["NEWSWATCH_SCHEDULE"] = Schedule,
            ["NEWSWATCH_DIGEST_SCHEDULE"] = "0 */5 * * * *",
            ["NEWSWATCH_SMTP_HOST"] = Smtp.Host,
            ["NEWSWATCH_SMTP_PORT"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["NEWSWATCH_SMTP_TLS"] = "none",
            ["NEWSWATCH_SMTP_FROM"] = "newswatch@example.org",
            ["NEWSWATCH_SMTP_PASSWORD"] = "",
            ["NEWSWATCH_SMTP_RETRY_DELAY"] = "00:00:00.100",
            ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "true",
            ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:01",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:01",
        };
        if (OneMessageAtATime)
        {
            settings["AzureFunctionsJobHost__extensions__queues__batchSize"] = "1";
            settings["AzureFunctionsJobHost__extensions__queues__newBatchThreshold"] = "0";
        }

        return settings;
    }

    /// <summary>
    /// Starts the host with <see cref="DefaultSettings"/> and <paramref name="overrides"/> (a null value removes a
    /// setting), and waits for <c>Host started</c>. Each start has a state folder and a host id of its own.
    /// </summary>
    public async Task<FunctionsHostProcess> StartHostAsync(IReadOnlyDictionary<string, string?>? overrides = null, CancellationToken cancellationToken = default)
    {
        if (_host is not null)
        {
            throw new InvalidOperationException("A host is already running: use RestartHostAsync.");
        }

        var run = FunctionsHostPaths.RunScript ?? throw new InvalidOperationException(SkipReason);
        var app = FunctionsHostPaths.AppDirectory ?? throw new InvalidOperationException(SkipReason);
        var start = Interlocked.Increment(ref _starts);
        var settings = DefaultSettings();
        settings["FUNCTIONS_HOST_STATE_DIR"] = Path.Combine(WorkDirectory, $"host-{start}");
        settings["AzureFunctionsWebHost__hostid"] = $"nw-test-{Guid.NewGuid():N}"[..24];
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        // A host that exits before it started (its HTTP port taken between the choice and the bind, say) is started again,
        // twice at most, on another port; the last failure's message holds the host's output.
        for (var attempt = 1; ; attempt++)
        {
            if (overrides is null || !overrides.ContainsKey(HostUrlsSetting))
            {
                settings[HostUrlsSetting] = $"http://127.0.0.1:{LoopbackPorts.Unused().ToString(CultureInfo.InvariantCulture)}";
            }

            try
            {
                _host = await FunctionsHostProcess.StartAsync(run, app, settings.AsReadOnly(), StartTimeout, cancellationToken).ConfigureAwait(false);
                return _host;
            }
            catch (FunctionsHostExitedException ex) when (attempt < 3)
            {
                await Console.Error.WriteLineAsync($"{GetType().Name}: the Functions host exited before it started (attempt {attempt}); starting it again. {ex.Message}").ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Stops the host (and its worker), if one runs. When the setting <see cref="LogFolderSetting"/> names a folder, the
    /// host's whole output is written there as <c>{fixture}-{start}.log</c>.
    /// </summary>
    public async Task StopHostAsync()
    {
        var host = Interlocked.Exchange(ref _host, null);
        if (host is not null)
        {
            await host.DisposeAsync().ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable(LogFolderSetting) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
                var name = $"{GetType().Name}-{Environment.ProcessId}-{_number}-{Volatile.Read(ref _starts)}.log";
                await File.WriteAllLinesAsync(Path.Combine(folder, name), host.Log.Lines).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops the host and starts a new one (with a changed config or settings, say).</summary>
    public async Task<FunctionsHostProcess> RestartHostAsync(IReadOnlyDictionary<string, string?>? overrides = null, CancellationToken cancellationToken = default)
    {
        await StopHostAsync().ConfigureAwait(false);
        return await StartHostAsync(overrides, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A <c>newswatch.json</c>: one page source on <see cref="Site"/>'s listing (stories only), <paramref name="rules"/>
    /// (default <see cref="DefaultRules"/>), subscribers <see cref="Everything"/> and <see cref="CeasefireOnly"/>.
    /// </summary>
    public string ConfigJson(IEnumerable<(string Id, string Query)>? rules = null) =>
        JsonSerializer.Serialize(new
        {
            sources = new[] { new { id = SourceId, url = Site.ListingUrl.AbsoluteUri, kind = "page", linkPattern = LoopbackNewsSite.StoryLinkPattern } },
            rules = (rules ?? DefaultRules).Select(r => new { id = r.Id, query = r.Query }),
            subscribers = new object[]
            {
                new { email = Everything, rules = new[] { "*" } },
                new { email = CeasefireOnly, rules = new[] { "ceasefire" } },
            },
            smtp = new { host = "smtp.invalid", port = 25, tls = "starttls", from = "newswatch@example.org" },
        });

    /// <summary>Writes <see cref="ConfigPath"/> (atomically: a temp file renamed over it, so the app never reads half a file).</summary>
    public async Task WriteConfigFileAsync(string json, CancellationToken cancellationToken = default)
    {
        var temp = ConfigPath + ".tmp";
        await File.WriteAllTextAsync(temp, json, cancellationToken).ConfigureAwait(false);
        File.Move(temp, ConfigPath, overwrite: true);
    }

    /// <summary>Uploads blob <c>config/newswatch.json</c> (the config when <c>NEWSWATCH_CONFIG</c> is unset).</summary>
    public async Task UploadConfigBlobAsync(string json, CancellationToken cancellationToken = default)
    {
        var container = Container(StorageNames.ConfigContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(StorageNames.ConfigBlob).UploadAsync(BinaryData.FromString(json), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes the three standard stories: one with "troops to Ukraine" and "ceasefire" (2 alerts), one with
    /// "ceasefire" (1 alert), one with neither in its article but both in the furniture (none). With
    /// <see cref="ConfigJson"/>'s rules and subscribers that is 3 alerts and 5 emails (3 to <see cref="Everything"/>, 2 to
    /// <see cref="CeasefireOnly"/>).
    /// </summary>
    public void PublishStandardStories(TimeSpan? delay = null)
    {
        Site.AddStory("allies-weigh-options", "Allies weigh their options", "Several governments are ready to send troops to Ukraine to monitor a ceasefire, diplomats said.", delay);
        Site.AddStory("talks-resume", "Talks resume", "Negotiators said a cease-fire could be agreed within days.", delay);
        Site.AddStory("budget-plans", "Budget plans published", "The finance ministry published its spending plans for next year.", delay);
    }

    /// <summary>A client of queue <paramref name="name"/> that reads and writes Base64, as the app and its triggers do.</summary>
    public QueueClient Queue(string name) =>
        new(Azurite.ConnectionString, name, Bounded(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));

    /// <summary>A client of blob container <paramref name="name"/>, its calls bounded as the queue clients' are.</summary>
    private BlobContainerClient Container(string name) =>
        new BlobServiceClient(Azurite.ConnectionString, Bounded(new BlobClientOptions())).GetBlobContainerClient(name);

    /// <summary>
    /// Storage calls of the test's own that fail within seconds when Azurite does not answer (the SDK's defaults, 100 s
    /// per try and 3 retries, would make each poll of a wait take minutes, and a stalled Azurite look like a hung run).
    /// </summary>
    private static T Bounded<T>(T options)
        where T : Azure.Core.ClientOptions
    {
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        return options;
    }

    /// <summary>Every alert blob in container <c>alerts</c> (none when the container does not exist yet).</summary>
    public async Task<IReadOnlyList<Alert>> AlertsAsync(CancellationToken cancellationToken = default)
    {
        var container = Container(StorageNames.AlertsContainer);
        var alerts = new List<Alert>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                alerts.Add(AlertJson.DeserializeAlert(content.Value.Content.ToString()));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No alert yet: the container is made with the first one.
        }

        return alerts;
    }

    /// <summary>The messages now on queue <paramref name="name"/> (peeked: visible ones, at most 32), decoded.</summary>
    public async Task<IReadOnlyList<string>> PeekMessagesAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var peeked = await Queue(name).PeekMessagesAsync(32, cancellationToken).ConfigureAwait(false);
            return [.. peeked.Value.Select(m => m.Body.ToString())];
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> alert blobs exist; returns them all.</summary>
    public async Task<IReadOnlyList<Alert>> WaitForAlertsAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Alert> alerts = [];
        await WaitUntilAsync(
            async ct => (alerts = await AlertsAsync(ct).ConfigureAwait(false)).Count >= count,
            () => $"{count} alert blobs (have {alerts.Count}: {string.Join(", ", alerts.Select(a => $"{a.RuleId}@{a.ArticleUrl}"))})",
            timeout,
            cancellationToken).ConfigureAwait(false);
        return alerts;
    }

    /// <summary>Waits until the SMTP server accepted at least <paramref name="count"/> messages; returns them all.</summary>
    public async Task<IReadOnlyList<SmtpTestServer.ReceivedEmail>> WaitForEmailsAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        await WaitUntilAsync(
            _ => Task.FromResult(Smtp.Received.Count >= count),
            () => $"{count} emails at the SMTP server (have {Smtp.Received.Count})",
            timeout,
            cancellationToken).ConfigureAwait(false);
        return Smtp.Received;
    }

    /// <summary>
    /// Waits until <paramref name="cycles"/> x <paramref name="scansPerCycle"/> executions of <c>ScanSource</c> that
    /// started after this call have finished (with one source, one timer cycle is one scan).
    /// </summary>
    public Task WaitForScanCyclesAsync(int cycles, int scansPerCycle = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitForExecutionsAsync("ScanSource", cycles * scansPerCycle, Log.Mark(), timeout, cancellationToken);

    /// <summary>
    /// Waits until <paramref name="count"/> executions of function <paramref name="function"/> that started at or after
    /// log position <paramref name="mark"/> have finished; returns their outcomes (<c>Succeeded</c>, <c>Failed</c>).
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitForExecutionsAsync(string function, int count, int mark, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> outcomes = [];
        await WaitUntilAsync(
            _ =>
            {
                outcomes = [.. Log.ExecutionsStartedSince(mark, function).Select(Log.OutcomeOf).OfType<string>()];
                return Task.FromResult(outcomes.Count >= count);
            },
            () => $"{count} finished executions of {function} (have {outcomes.Count})",
            timeout,
            cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>
    /// Waits until the queue <paramref name="queueName"/> is empty (no message, visible or not) and every execution of
    /// <paramref name="function"/> started so far has finished: nothing of that function is pending any more.
    /// </summary>
    public Task WaitForDrainedAsync(string queueName, string function, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(
            async ct =>
            {
                int pending;
                try
                {
                    pending = (await Queue(queueName).GetPropertiesAsync(ct).ConfigureAwait(false)).Value.ApproximateMessagesCount;
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    pending = 0;
                }

                return pending == 0 && Log.ExecutionsStartedSince(0, function).All(id => Log.OutcomeOf(id) is not null);
            },
            () => $"queue {queueName} empty and every {function} finished",
            timeout,
            cancellationToken);

    /// <summary>Waits until a log line from position <paramref name="mark"/> on contains every one of <paramref name="parts"/>.</summary>
    public Task WaitForLogAsync(int mark, string[] parts, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(
            _ => Task.FromResult(Log.CountSince(mark, parts) > 0),
            () => $"a log line with {string.Join(" and ", parts.Select(p => $"'{p}'"))}",
            timeout,
            cancellationToken);

    /// <summary>
    /// Polls <paramref name="condition"/> (every 250 ms) until it holds; fails the test when the bound passes or the host
    /// exits, with <paramref name="what"/> and the host's last output in the message.
    /// </summary>
    public async Task WaitUntilAsync(Func<CancellationToken, Task<bool>> condition, Func<string> what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(what);
        var bound = timeout ?? DefaultWait;
        var clock = Stopwatch.StartNew();
        while (!await condition(cancellationToken).ConfigureAwait(false))
        {
            if (FailOnWorkerExit && _host is not null && _host.Log.CountOf(WorkerExitedLine) > 0)
            {
                throw new XunitException($"The worker process exited (crashed) while waiting for {what()}. The host's output:{Environment.NewLine}{_host.Log.Tail()}");
            }

            if (_host is { HasExited: true })
            {
                throw new XunitException($"The Functions host exited while waiting for {what()}. Its output:{Environment.NewLine}{_host.Log.Tail()}");
            }

            if (clock.Elapsed > bound)
            {
                throw new XunitException(
                    $"Waited {bound.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s for {what()}. The host's output:{Environment.NewLine}{_host?.Log.Tail() ?? "(no host running)"}");
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs after the fixture's servers started (only where the host can run): derived fixtures write a config and start the host here.</summary>
    protected virtual Task OnInitializedAsync() => Task.CompletedTask;

    private static InvalidOperationException NotStarted() =>
        new(SkipReason ?? "The fixture is not initialized.");
}
