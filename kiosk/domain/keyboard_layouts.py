"""What a USB hand scanner set to US English types on other keyboard layouts, and back.

A keyboard-wedge scanner does not send characters: it sends key positions (USB HID usage codes)
as a US keyboard would need them, and the computer's layout turns each position into a
character. On a Czech layout the digit keys give `+ěščřžýáíé`, on French AZERTY `&é"'(-è_çà`,
and so on. `é` is a 2 on AZERTY and a 0 on Czech, so no single table can undo every layout:
`kiosk.domain.scanned_text` asks every layout below for its reading and lets the ticket's
signature pick the right one.

Each layout is written as the characters its keys give, unshifted and shifted, in the order of
the US keys in `US_KEYS`/`US_SHIFTED` (the 47 keys of the alphanumeric block, ISO layouts'
key left of Enter standing for the US backslash key). Dead keys are written as their spacing
accent. Sources: the layouts as shipped by xkeyboard-config (symbols/cz, sk, de, ch, fr, be,
se, no, dk) and Windows' KBD* tables, which agree on these keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

US_KEYS = "`1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./"
US_SHIFTED = '~!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:"ZXCVBNM<>?'


@dataclass(frozen=True)
class KeyboardLayout:
    """One national layout: `code` for logs and settings, `name` for people."""

    code: str
    name: str
    unshifted: str
    shifted: str

    @cached_property
    def back_to_us(self) -> dict[str, str]:
        """Character typed on this layout → the US character the scanner meant.

        Where one character sits on two keys the unshifted key wins. A digit always means
        itself: where a layout gives digits only with Shift (AZERTY), a digit on screen comes
        from a scanner that sends Shift for digits (or from Caps Lock), never from a US "!".
        """
        table: dict[str, str] = {}
        for typed, meant in zip(self.unshifted + self.shifted, US_KEYS + US_SHIFTED, strict=True):
            table.setdefault(typed, meant)
        table.update({digit: digit for digit in "0123456789"})
        return table

    @cached_property
    def translation(self) -> dict[int, str]:
        """`back_to_us` for `str.translate`, keeping only the characters that change."""
        return {ord(k): v for k, v in self.back_to_us.items() if k != v}

    def can_have_typed(self, text: str) -> bool:
        """True if every character of `text` comes from a key of this layout (no AltGr)."""
        table = self.back_to_us
        return all(ch in table for ch in text)

    def meant(self, text: str) -> str:
        """What a US-configured scanner meant when this layout typed `text`."""
        return text.translate(self.translation)


def _layout(code: str, name: str, unshifted: str, shifted: str) -> KeyboardLayout:
    unshifted, shifted = unshifted.replace(" ", ""), shifted.replace(" ", "")
    if not len(unshifted) == len(shifted) == len(US_KEYS):
        raise ValueError(f"layout {code}: {len(unshifted)}/{len(shifted)} keys")
    return KeyboardLayout(code, name, unshifted, shifted)


# Key groups: digit row (13) | top letter row (13) | home row (11) | bottom row (10).
LAYOUTS: tuple[KeyboardLayout, ...] = (
    _layout(
        "cz", "Czech (QWERTZ)",
        ";+ěščřžýáíé=´ qwertzuiopú)¨ asdfghjklů§ yxcvbnm,.-",
        "°1234567890%ˇ QWERTZUIOP/(' ASDFGHJKL\"! YXCVBNM?:_",
    ),
    _layout(
        "sk", "Slovak (QWERTZ)",
        ";+ľščťžýáíé=´ qwertzuiopúäň asdfghjklô§ yxcvbnm,.-",
        "°1234567890%ˇ QWERTZUIOP/() ASDFGHJKL\"! YXCVBNM?:_",
    ),
    _layout(
        "fr", "French (AZERTY)",
        "²&é\"'(-è_çà)= azertyuiop^$* qsdfghjklmù wxcvbn,;:!",
        "³1234567890°+ AZERTYUIOP¨£µ QSDFGHJKLM% WXCVBN?./§",
    ),
    _layout(
        "be", "Belgian (AZERTY)",
        "²&é\"'(§è!çà)- azertyuiop^$µ qsdfghjklmù wxcvbn,;:=",
        "³1234567890°_ AZERTYUIOP¨*£ QSDFGHJKLM% WXCVBN?./+",
    ),
    _layout(
        "de", "German (QWERTZ)",
        "^1234567890ß´ qwertzuiopü+# asdfghjklöä yxcvbnm,.-",
        "°!\"§$%&/()=?` QWERTZUIOPÜ*' ASDFGHJKLÖÄ YXCVBNM;:_",
    ),
    _layout(
        "ch-de", "Swiss German (QWERTZ)",
        "§1234567890'^ qwertzuiopü¨$ asdfghjklöä yxcvbnm,.-",
        "°+\"*ç%&/()=?` QWERTZUIOPè!£ ASDFGHJKLéà YXCVBNM;:_",
    ),
    _layout(
        "ch-fr", "Swiss French (QWERTZ)",
        "§1234567890'^ qwertzuiopè¨$ asdfghjkléà yxcvbnm,.-",
        "°+\"*ç%&/()=?` QWERTZUIOPü!£ ASDFGHJKLöä YXCVBNM;:_",
    ),
    _layout(
        "se", "Swedish/Finnish",
        "§1234567890+´ qwertyuiopå¨' asdfghjklöä zxcvbnm,.-",
        "½!\"#¤%&/()=?` QWERTYUIOPÅ^* ASDFGHJKLÖÄ ZXCVBNM;:_",
    ),
    _layout(
        "no", "Norwegian",
        "|1234567890+\\ qwertyuiopå¨' asdfghjkløæ zxcvbnm,.-",
        "§!\"#¤%&/()=?` QWERTYUIOPÅ^* ASDFGHJKLØÆ ZXCVBNM;:_",
    ),
    _layout(
        "dk", "Danish",
        "½1234567890+´ qwertyuiopå¨' asdfghjklæø zxcvbnm,.-",
        "§!\"#¤%&/()=?` QWERTYUIOPÅ^* ASDFGHJKLÆØ ZXCVBNM;:_",
    ),
)  # fmt: skip

BY_CODE: dict[str, KeyboardLayout] = {layout.code: layout for layout in LAYOUTS}


def typed_on(layout: KeyboardLayout, text: str) -> str:
    """What `layout` shows when a US-configured scanner types `text` (printable ASCII).

    The forward direction: for rehearsals, benchmarks and tests. Raises KeyError for a
    character a US keyboard cannot type without AltGr.
    """
    forward = dict(
        zip(US_KEYS + US_SHIFTED + " ", layout.unshifted + layout.shifted + " ", strict=True)
    )
    return "".join(forward[ch] for ch in text)
