"""Executors: where documents are processed (docs/scale.md).

``task.document_task`` is one document's work; ``local.LocalExecutor`` runs it
here, ``cluster.RayExecutor`` as Ray Core tasks; ``ingest`` drives either and
loads the stored results into the warehouse as the single writer.
"""

from pipeline.execute.ingest import EXECUTORS, Driver, ExecuteSettings, ingest_through_store, results_dir_for

__all__ = ["EXECUTORS", "Driver", "ExecuteSettings", "ingest_through_store", "results_dir_for"]
