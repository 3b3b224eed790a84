"""Allow ``python -m smartplan``."""

from smartplan.cli import main

if __name__ == "__main__":
    main()
