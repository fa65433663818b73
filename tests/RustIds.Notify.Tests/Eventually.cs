namespace RustIds.Notify.Tests;

/// <summary>Waits for a condition another thread makes true (a worker's counter, a row's state), failing with a message on timeout.</summary>
internal static class Eventually
{
    public static void True(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        if (!SpinWait.SpinUntil(condition, timeout))
            Assert.Fail($"not reached within {timeout}: {describe()}");
    }
}
