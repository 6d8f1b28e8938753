"""workshop-tui: run co-production workshops live, and look back at them."""

__version__ = "0.1.0"
