"""What ``smartplan validate`` does: discover, load, check schemas, run the rules.

The engine is :mod:`smartplan.check.engine`; the rules live in
:mod:`smartplan.check.rules`, one module per theme.
"""
