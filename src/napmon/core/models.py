"""Models shared by every app: the append-only audit log, log-in throttling, task progress."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: D102 - the log is append-only
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """One change: who did what to which record, with old and new values.

    The application offers no way to edit or delete entries; saving an existing
    entry or deleting one raises ``PermissionError``.
    """

    timestamp = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=150, default="system")
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("record type"), max_length=100, db_index=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("record"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return (
            f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
        )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


class LoginFailure(models.Model):
    """One failed log-in, counted per username and client address by the throttle.

    Rows older than the lock window are deleted as new failures arrive; the lasting
    record of failures and locks is the audit log.
    """

    username = models.CharField(_("username"), max_length=150)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["username", "ip", "at"])]
        verbose_name = _("failed log-in")
        verbose_name_plural = _("failed log-ins")

    def __str__(self):
        return f"{self.username} from {self.ip} at {self.at:%Y-%m-%d %H:%M}"


class TaskProgress(models.Model):
    """Progress of a piece of background work a person started (an import, a brief).

    Written by ``napmon.core.tasks``: the task updates ``done``/``total``/``message``
    as it goes, and the page at ``/tasks/<id>/`` shows it. ``result`` holds the
    task's JSON-ready outcome (an import report, the brief's URL), ``error`` the
    message of a failure a user can act on.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("finished")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=80)
    label = models.CharField(_("what"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("out of"), null=True, blank=True)
    message = models.CharField(_("message"), max_length=300, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    error_code = models.CharField(_("error code"), max_length=80, blank=True)
    result_url = models.CharField(_("result link"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    # 1 for the first run; a task whose worker died is queued again (attempt 2, ...).
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")

    def __str__(self):
        return f"{self.label} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("task-progress", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))


class UrduText(models.Model):
    """Urdu versions of a record's text fields, with whether a reviewer has checked them.

    A model lists its translated fields in ``URDU_FIELDS`` and declares ``<field>_ur``
    for each. Where no official Urdu text exists the built-in dataset gives a working
    translation with ``ur_reviewed`` off; pages mark such text as unreviewed, and staff
    correct it in the admin and tick the box. ``napmon init`` never overwrites Urdu text
    that has been reviewed.
    """

    URDU_FIELDS: tuple[str, ...] = ()

    ur_reviewed = models.BooleanField(
        _("Urdu text reviewed"),
        default=False,
        help_text=_(
            "Tick when an Urdu speaker has checked the Urdu text against an official text. "
            "Unreviewed translations are marked as such to readers."
        ),
    )

    class Meta:
        abstract = True

    def urdu(self, name: str) -> str:
        """The Urdu text of field ``name`` (empty when there is none)."""
        return getattr(self, f"{name}_ur", "") or ""


class ClientCounter(models.Model):
    """Requests of one client in one fixed window of a rate limit (the page rate limit).

    A row in the database, not a per-process cache entry, so every server process counts
    against the same limit (SQLite and PostgreSQL alike). Rows of ended windows are
    deleted whenever a client starts a new window.
    """

    key = models.CharField(_("client and window"), max_length=200, unique=True)
    count = models.PositiveIntegerField(_("requests"), default=0)
    expires_at = models.DateTimeField(_("window ends"), db_index=True)

    class Meta:
        verbose_name = _("client rate counter")
        verbose_name_plural = _("client rate counters")

    def __str__(self):
        return f"{self.key}: {self.count}"


class TwoFactorDevice(models.Model):
    """A user's TOTP (RFC 6238) secret: confirmed once a code from the app was accepted.

    ``last_step`` is the 30-second step of the last accepted code, so a code is accepted
    once only (no replay within its step or the tolerated neighbouring step).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="two_factor",
        verbose_name=_("user"),
    )
    secret = models.CharField(_("secret"), max_length=64)
    confirmed_at = models.DateTimeField(_("turned on"), null=True, blank=True)
    last_step = models.BigIntegerField(_("last accepted step"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("two-factor device")
        verbose_name_plural = _("two-factor devices")

    def __str__(self):
        return f"{self.user} ({'on' if self.confirmed_at else 'being set up'})"


class RecoveryCode(models.Model):
    """A one-time code that stands in for the TOTP code; only its SHA-256 is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="recovery_codes",
        verbose_name=_("user"),
    )
    code_hash = models.CharField(_("code hash"), max_length=64, db_index=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self):
        return f"{self.user}: {'used' if self.used_at else 'unused'}"
