"""smartplan: validate, prioritise and render Indonesian Smart City master plans."""

__version__ = "0.1.0"
