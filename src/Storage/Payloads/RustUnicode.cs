using System.Globalization;
using System.Text;

namespace Citadel.Storage.Payloads;

/// <summary>Rust's <c>char::is_alphanumeric</c>, which Qdrant uses for bare path keys and its word tokenizer.</summary>
internal static class RustUnicode
{
    /// <summary>
    /// True for Unicode Alphabetic or Numeric characters. .NET has no Alphabetic property, so letters,
    /// all numbers and most combining marks stand in for it; the marks of the generic combining blocks
    /// (accents and the like) are not Alphabetic in Unicode and are left out.
    /// </summary>
    public static bool IsAlphanumeric(Rune rune)
    {
        if (rune.IsAscii)
        {
            return char.IsAsciiLetterOrDigit((char)rune.Value);
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
                return true;
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
                return !IsGenericCombiningMark(rune.Value);
            case UnicodeCategory.OtherSymbol:
                // Circled letters are Other_Alphabetic.
                return rune.Value is >= 0x24B6 and <= 0x24E9 or >= 0x1F130 and <= 0x1F189;
            default:
                return false;
        }
    }

    private static bool IsGenericCombiningMark(int cp) =>
        (cp is >= 0x0300 and <= 0x036F && cp != 0x0345) ||
        cp is >= 0x1AB0 and <= 0x1AFF ||
        cp is >= 0x1DC0 and <= 0x1DFF ||
        cp is >= 0x20D0 and <= 0x20FF ||
        cp is >= 0xFE20 and <= 0xFE2F;
}
