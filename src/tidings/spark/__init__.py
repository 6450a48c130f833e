"""``tidings spark``: the pipeline on Apache Spark and its input plan; the output folder it writes is read back by :mod:`tidings.ingest.spark_output`."""
