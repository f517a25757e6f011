namespace NewsWatch.Core.Rules;

/// <summary>The words of a <see cref="TokenBuffer"/> as tokens, built on access from its flat arrays.</summary>
internal readonly struct TokenView
{
    private readonly TokenBuffer _buffer;

    /// <summary>A view of the words <paramref name="buffer"/> holds now.</summary>
    public TokenView(TokenBuffer buffer) => _buffer = buffer;

    /// <summary>How many words.</summary>
    public int Length => _buffer.Count;

    /// <summary>Word <paramref name="index"/>.</summary>
    public TextToken this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_buffer.Count, nameof(index));
            var foldStart = _buffer.StartFold[index];
            return new TextToken(foldStart, _buffer.EndFold[index] - foldStart, _buffer.StartText[index], _buffer.EndText[index], _buffer.Hashes[index]);
        }
    }
}
