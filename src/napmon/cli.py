"""The `napmon` command: a thin layer over Django's management commands.

`napmon init`, `napmon points 2021 --json`, `napmon events import ...` are the
management commands of the napmon apps; Django's own (`migrate`, `check`,
`createsuperuser`) are reachable the same way.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "napmon.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["napmon", *argv])
    if len(args) == 1:
        args.append("help")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
