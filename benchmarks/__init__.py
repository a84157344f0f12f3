"""Speed and memory figures (``make bench``), one module per area with a ``run()`` function."""
