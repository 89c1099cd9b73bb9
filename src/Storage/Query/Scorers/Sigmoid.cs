namespace Citadel.Storage.Query.Scorers;

/// <summary>Qdrant's cheap sigmoid substitutes (<c>common::math</c>), used to squash similarities into a bounded range.</summary>
internal static class Sigmoid
{
    /// <summary>Qdrant's <c>f32::EPSILON</c> (not .NET's <see cref="float.Epsilon"/>, the smallest subnormal).</summary>
    public const float MachineEpsilon = 1.1920929E-07f;

    /// <summary><c>x / (1 + |x|)</c>, in (-1, 1).</summary>
    public static float Fast(float x) => x / (1f + MathF.Abs(x));

    /// <summary><see cref="Fast"/> scaled into (0, 1).</summary>
    public static float Scaled(float x) => 0.5f * (Fast(x) + 1f);

    /// <summary>Rust's <c>f32::total_cmp</c> as -1/0/1 (−0 sorts before +0); Qdrant counts context pairs with it.</summary>
    public static int TotalCompare(float a, float b)
    {
        var x = BitConverter.SingleToInt32Bits(a);
        var y = BitConverter.SingleToInt32Bits(b);
        x ^= (int)((uint)(x >> 31) >> 1);
        y ^= (int)((uint)(y >> 31) >> 1);
        return x.CompareTo(y) switch
        {
            < 0 => -1,
            > 0 => 1,
            _ => 0,
        };
    }
}
