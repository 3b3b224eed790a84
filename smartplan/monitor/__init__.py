"""Monitoring and evaluation: the yearly actuals, their arithmetic, and ``monitor new``."""
