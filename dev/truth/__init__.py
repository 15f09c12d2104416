"""Hand-written truth the benchmarks and the tests both read (typed from the printed tables, never
from the pipeline's output); here rather than in tests/ so that dev/ never imports tests/."""
