"""Character classes shared by the text and OCR normalizers (regex class bodies).

Kept in one place so that "what counts as kana" means the same thing in every
rule. Each constant is the inside of a ``[...]`` regex class.
"""

from __future__ import annotations

# ぁ..ゖ and the hiragana iteration marks ゝゞ and the digraph ゟ.
HIRAGANA = "\u3041-\u3096\u309d-\u309f"

# ァ..ヺ, ヽヾヿ, small katakana extensions, half-width ｦ..ｯ and ｱ..ﾝ (not ｰ).
KATAKANA = "\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff6f\uff71-\uff9d"

# The katakana prolonged sound mark, full- and half-width.
CHOONPU = "\u30fc\uff70"

# Ideographs: 々〆〇, Suzhou numerals, CJK Ext. A, the URO, compatibility
# ideographs, the supplementary planes (Ext. B and later), and the CJK and
# Kangxi radicals (stand-ins for ideographs that normalize_text maps later).
KANJI = (
    "\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\u2e80-\u2fdf\U00020000-\U0003ffff"
)

# CJK punctuation and symbols (、。「」〒 ...) without U+3000 IDEOGRAPHIC SPACE,
# the katakana middle dot and prolonged sound mark, full-width punctuation
# (（）：！ ...) and half-width 。「」、･ -- but not full-width letters or digits,
# which are Latin words and numbers in disguise.
CJK_PUNCTUATION = (
    "\u3001-\u3004\u3008-\u3020\u302a-\u3037\u303c-\u303f\u309b\u309c\u30fb\u30fc"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\uff70\uff9e\uff9f"
)

# Everything that is written without spaces between characters in Japanese.
CJK = HIRAGANA + KATAKANA + KANJI + CJK_PUNCTUATION

# Letters and digits that make a Latin word (ASCII and Latin-1/Extended-A/B letters).
LATIN_ALNUM = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
