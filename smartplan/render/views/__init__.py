"""The template context, one module per chapter of the master plan.

Each module turns part of the typed plan into plain, ordered data for the
templates: :class:`~typing.TypedDict` views, which are ordinary dicts at run
time (templates read ``view.key`` or ``view["key"]``, and
:func:`smartplan.render.environment.markdown_context` walks them like any
dict). Every chapter gets what it needs as arguments: the shared
:class:`~smartplan.render.views.scope.Scope` (labels and texts in the output
language), the program views built once by
:class:`~smartplan.render.views.programs.ProgramViews` with the ranking passed
in, and the prioritisation or roadmap results when given. No chapter depends
on another having run first. :func:`smartplan.render.context.build_context`
assembles them.
"""
