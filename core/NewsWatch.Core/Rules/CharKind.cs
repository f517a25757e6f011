namespace NewsWatch.Core.Rules;

/// <summary>How the tokeniser treats one UTF-16 code unit.</summary>
internal enum CharKind : byte
{
    /// <summary>Ends a word: spaces, punctuation, hyphens, apostrophes, symbols.</summary>
    Separator = 0,

    /// <summary>A letter or digit that folds to exactly one char.</summary>
    Word = 1,

    /// <summary>A letter or digit that folds to several chars (ß, ligatures, æ).</summary>
    Expand = 2,

    /// <summary>Invisible inside a word and dropped: soft hyphen, joiners, direction marks.</summary>
    Ignore = 3,

    /// <summary>A Han or Kana char: a token of its own (scripts written without spaces).</summary>
    Single = 4,

    /// <summary>A combining mark: part of the word before it; Latin/Greek diacritics are dropped.</summary>
    Mark = 5,

    /// <summary>Half of a surrogate pair: decided on the slow path.</summary>
    Surrogate = 6,
}
