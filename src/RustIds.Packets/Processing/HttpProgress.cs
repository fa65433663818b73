namespace RustIds.Packets.Processing;

/// <summary>Which part of an HTTP transaction just completed.</summary>
public enum HttpProgress : byte
{
    RequestHeaders = 0,
    RequestComplete = 1,
    ResponseHeaders = 2,
    ResponseComplete = 3,
}
