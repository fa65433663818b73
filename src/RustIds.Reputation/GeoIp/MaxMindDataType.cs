namespace RustIds.Reputation.GeoIp;

/// <summary>Field types of the MaxMind DB data section (spec "Output Data Section").</summary>
internal enum MaxMindDataType
{
    Extended = 0,
    Pointer = 1,
    Utf8String = 2,
    Double = 3,
    Bytes = 4,
    Uint16 = 5,
    Uint32 = 6,
    Map = 7,
    Int32 = 8,
    Uint64 = 9,
    Uint128 = 10,
    Array = 11,
    DataCacheContainer = 12,
    EndMarker = 13,
    Boolean = 14,
    Float = 15,
}
