using System.Runtime.CompilerServices;

namespace NewsWatch.Core.Rules;

/// <summary>
/// A way of computing <see cref="VocabularyTable.Hash"/> in place, as a type argument of the scan's hash loop (so
/// that the benchmark's A/B mode can time two of them without a call or a branch per word).
/// </summary>
internal interface IWordHash
{
    /// <summary>The hash of the <paramref name="length"/> chars at <paramref name="start"/> (see <see cref="VocabularyTable.HashAt"/>).</summary>
    static abstract uint At(ref char start, int length);
}

/// <summary>The hash as the matcher computes it: <see cref="VocabularyTable.HashAt"/>.</summary>
internal readonly struct WordHash : IWordHash
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint At(ref char start, int length) => VocabularyTable.HashAt(ref start, length);
}

/// <summary>The previous path, for <see cref="RuleSet.Baseline"/>: <see cref="VocabularyTable.HashAtBranching"/>.</summary>
internal readonly struct BranchingHash : IWordHash
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint At(ref char start, int length) => VocabularyTable.HashAtBranching(ref start, length);
}
