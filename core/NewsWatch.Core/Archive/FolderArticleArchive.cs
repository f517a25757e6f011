using System.Runtime.CompilerServices;

namespace NewsWatch.Core.Archive;

/// <summary>The article archive in the local data folder: <c>{dataDirectory}/articles/{yyyy}/{MM}/{dd}/{HH}/{hash}.json</c>.</summary>
public sealed class FolderArticleArchive : IArticleArchive
{
    private readonly string _root;
    private readonly TimeProvider _time;

    /// <summary>Keeps articles under <paramref name="dataDirectory"/>/articles.</summary>
    public FolderArticleArchive(string dataDirectory, TimeProvider time)
    {
        _root = Path.Combine(dataDirectory, ArticleArchive.Container);
        _time = time;
    }

    /// <inheritdoc />
    public async Task PutAsync(ArchivedArticle article, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_root, ArticleArchive.NameOf(article));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temp, ArticleArchive.Serialize(article), cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ArchivedArticle> ListAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var prefix in ArticleArchive.HourPrefixes(since, _time.GetUtcNow()))
        {
            var folder = Path.Combine(_root, prefix);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                string json;
                try
                {
                    json = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
                }
                catch (FileNotFoundException)
                {
                    continue; // purged meanwhile
                }

                if (ArticleArchive.Deserialize(json) is { } article && article.ArchivedAt >= since)
                {
                    yield return article;
                }
            }
        }
    }

    /// <inheritdoc />
    public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var deleted = 0;
        if (!Directory.Exists(_root))
        {
            return Task.FromResult(0);
        }

        foreach (var file in Directory.GetFiles(_root, "*.json", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (ArticleArchive.HourOf(name) is { } hour && hour.AddHours(1) <= olderThan)
            {
                File.Delete(file);
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }
}
