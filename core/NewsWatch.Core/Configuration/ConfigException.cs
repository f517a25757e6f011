namespace NewsWatch.Core.Configuration;

/// <summary>A config file is wrong. The message names the file, the field and the fix.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
