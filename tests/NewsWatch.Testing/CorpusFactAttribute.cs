using Xunit;

namespace NewsWatch.Testing;

/// <summary>
/// A fact that needs the shared corpus (<c>../shared/corpus</c> or <c>NEWSWATCH_CORPUS</c>); it is skipped,
/// with a message saying why, on machines that do not have it.
/// </summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute, skipping the test when <see cref="RepoPaths.Corpus"/> is null.</summary>
    public CorpusFactAttribute()
    {
        if (RepoPaths.Corpus is null)
        {
            Skip = "skipped: the shared corpus (../shared/corpus) is not on this machine";
        }
    }
}
