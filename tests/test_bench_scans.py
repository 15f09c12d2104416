"""dev/bench_scans.py's CER of each free-text field apart."""

from __future__ import annotations

from dev.bench_scans import field_cer


def test_each_free_text_field_has_its_own_cer_over_the_rows_found() -> None:
    truth = [
        {"criterion": "外部委託", "case_no": "1", "description": "健康診査", "recipient": "", "purpose": ""},
        {"criterion": "外部提供", "case_no": "2", "description": "名簿", "recipient": "警察署", "purpose": "捜査"},
        {"criterion": "外部提供", "case_no": "3", "description": "lost row", "recipient": "x", "purpose": "y"},
    ]
    got = {
        ("外部委託", 1): {"description": "健原診 査", "recipient": "", "purpose": ""},
        ("外部提供", 2): {"description": "名簿", "recipient": "警察", "purpose": "捜査"},
    }
    cer = field_cer(got, truth)
    assert cer == {"description": round(1 / 6, 4), "recipient": round(1 / 3, 4), "purpose": 0.0}
    assert field_cer(dict(list(got.items())[:1]), truth[:1])["recipient"] is None  # nothing expected
