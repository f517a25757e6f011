namespace NewsWatch.Core.Rules;

/// <summary>One word of a field: where its folded form sits in the fold buffer and where it sits in the text.</summary>
/// <param name="FoldStart">Start of the folded form in the fold buffer.</param>
/// <param name="FoldLength">Length of the folded form.</param>
/// <param name="Start">First UTF-16 index of the word in the original text.</param>
/// <param name="End">Index just past the word's last char in the original text.</param>
/// <param name="Hash">The <see cref="VocabularyTable.Hash"/> of the folded form.</param>
internal readonly record struct TextToken(int FoldStart, int FoldLength, int Start, int End, uint Hash);
