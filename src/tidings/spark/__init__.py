"""``tidings spark``: the pipeline on Apache Spark, its input plan and its output folder."""
