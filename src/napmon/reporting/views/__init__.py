"""Views of the reporting cycle. Thin: they check scope and call ``reporting.services``."""
