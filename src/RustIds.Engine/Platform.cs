// rustids runs on Linux only (libpcap, nftables, AF_PACKET); the platform analyzer is told so once.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
