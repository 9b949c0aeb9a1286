"""NAP Monitor: monitoring and evaluation of a national counter-terrorism action plan."""

__version__ = "0.1.0"
