"""Writing output: the one atomic writer, streamed text in batches, JSON."""
