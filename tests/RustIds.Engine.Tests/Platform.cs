// These tests run where rustids runs: Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
