namespace Emergency.Grains.Persistence;

/// <summary>The named grain storage every persistent grain uses; the provider behind it is chosen by configuration.</summary>
public static class GrainStorageNames
{
    public const string State = "emergency";
}
