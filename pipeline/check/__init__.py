"""Check stage: the report against itself.

A report states its summary counts (審査件数, うち要配慮, うち条例要配慮) and then
lists the cases. The two must agree; where they do not, that is a finding for
the reader (a misread cell, or an error in the report), stored and printed,
never a crash.
"""

from pipeline.check.reconcile import reconcile

__all__ = ["reconcile"]
