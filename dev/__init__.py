"""Developer tools: corpus builders and benchmarks (see dev/README.md).

A package so every tool runs the same way from the checkout, ``python -m dev.<tool>``,
and imports its siblings as ``dev.<module>`` without touching ``sys.path``. Nothing
here is imported by ``pipeline/``, and nothing here imports ``tests/``.
"""
