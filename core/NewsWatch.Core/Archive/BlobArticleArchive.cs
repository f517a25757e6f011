using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace NewsWatch.Core.Archive;

/// <summary>The article archive in blob container <c>articles</c>, named by archive hour so that a window lists only its hours.</summary>
public sealed class BlobArticleArchive : IArticleArchive
{
    private readonly BlobContainerClient _container;
    private readonly TimeProvider _time;
    private volatile bool _exists;

    /// <summary>Uses <paramref name="container"/>, creating it on first write.</summary>
    public BlobArticleArchive(BlobContainerClient container, TimeProvider time)
    {
        _container = container;
        _time = time;
    }

    /// <inheritdoc />
    public async Task PutAsync(ArchivedArticle article, CancellationToken cancellationToken)
    {
        if (!_exists)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _exists = true;
        }

        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } };
        await _container.GetBlobClient(ArticleArchive.NameOf(article))
            .UploadAsync(BinaryData.FromString(ArticleArchive.Serialize(article)), options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ArchivedArticle> ListAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await _container.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield break;
        }

        foreach (var prefix in ArticleArchive.HourPrefixes(since, _time.GetUtcNow()))
        {
            await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
            {
                ArchivedArticle? article;
                try
                {
                    var content = await _container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                    article = ArticleArchive.Deserialize(Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span));
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    continue; // purged meanwhile
                }

                if (article is not null && article.ArchivedAt >= since)
                {
                    yield return article;
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        if (!await _container.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var deleted = 0;
        await foreach (var item in _container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (ArticleArchive.HourOf(item.Name) is { } hour && hour.AddHours(1) <= olderThan)
            {
                await _container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                deleted++;
            }
        }

        return deleted;
    }
}
