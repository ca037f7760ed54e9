"""Portfolio batches: audit a folder of client intakes in parallel, resumably, and summarise them."""
