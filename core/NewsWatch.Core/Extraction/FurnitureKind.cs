namespace NewsWatch.Core.Extraction;

/// <summary>How sure the extractor is that an element is page furniture.</summary>
internal enum FurnitureKind
{
    /// <summary>Not furniture.</summary>
    None,

    /// <summary>Furniture by tag, role, visibility or comment markers: never holds the article.</summary>
    Strong,

    /// <summary>Furniture only by words in class or id: may be a layout wrapper around the article.</summary>
    ByClass,
}
