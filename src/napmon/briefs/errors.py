"""The error of the briefs app."""

from napmon.core.errors import NapmonError


class BriefError(NapmonError):
    """A brief cannot be produced as asked (unknown kind, language or period)."""

    default_code = "brief_invalid"
