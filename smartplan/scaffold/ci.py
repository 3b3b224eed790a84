"""The CI recipes ``smartplan init --ci github|gitlab`` writes.

Each validates the plan with the service's own reporting (GitHub annotations
and SARIF code scanning; GitLab Code Quality and JUnit), then renders the
master plan and keeps it as an artifact. The recipes live as data files
(``data/ci-*.txt``) so the README can show the same text.
"""

from __future__ import annotations

from smartplan.errors import UsageError
from smartplan.i18n import lazy
from smartplan.scaffold import tables

#: service -> (data file, where the service reads its configuration from the repository root)
CI_SERVICES: dict[str, tuple[str, str]] = {
    "github": ("ci-github.txt", ".github/workflows/smartplan.yml"),
    "gitlab": ("ci-gitlab.txt", ".gitlab-ci.yml"),
}


def ci_file(service: str, plan_path: str = ".") -> tuple[str, str]:
    """The repository-relative file name and text of ``service``'s recipe for the plan.

    ``plan_path`` is the plan folder relative to the repository root.
    """
    if service not in CI_SERVICES:
        raise UsageError(
            lazy("unknown CI service %(service)r", service=service),
            lazy("use %(value)s", value=" or ".join(CI_SERVICES)),
        )
    from smartplan import __version__

    data, name = CI_SERVICES[service]
    plan = plan_path if plan_path not in ("", ".") else "."
    return name, tables.data_text(data).format(version=__version__, plan=plan)
