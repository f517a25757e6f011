namespace NewsWatch.Core.Rules;

/// <summary>The fields a query leaf looks at.</summary>
[Flags]
internal enum FieldMask
{
    /// <summary>No field.</summary>
    None = 0,

    /// <summary>The headline (<c>title:</c>).</summary>
    Title = 1,

    /// <summary>The article text (<c>body:</c>).</summary>
    Body = 2,

    /// <summary>Both (the default).</summary>
    Both = Title | Body,
}
