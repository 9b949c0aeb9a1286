"""Pages of monthly reports: dashboard, start, edit and submit, review, correct, evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from napmon.core import roles
from napmon.reporting import services
from napmon.reporting.errors import ReportingError
from napmon.reporting.forms import CorrectionForm, DecisionForm, EvidenceForm, ReportForm
from napmon.reporting.models import Evidence, Period, Report, ReportEntry, ReportingBody
from napmon.reporting.services.checks import errors_and_flags
from napmon.reporting.services.evidence import CONTENT_TYPES
from napmon.reporting.views.common import report_in_scope, require_perm, show_error


@login_required
def dashboard(request):
    user = request.user
    reports = roles.visible_reports(user, Report.objects.select_related("body", "period"))
    body = roles.body_of(user)
    open_periods = list(Period.objects.filter(state=Period.State.OPEN))
    started = set()
    if body:
        started = set(Report.objects.filter(body=body).values_list("period_id", flat=True))
    context = {
        "reports": reports[:200],
        "awaiting": reports.filter(state=Report.State.SUBMITTED)
        if user.has_perm(roles.REVIEW)
        else [],
        "body": body,
        "can_submit": body is not None and user.has_perm(roles.SUBMIT),
        "startable": [p for p in open_periods if p.pk not in started],
    }
    return render(request, "reporting/dashboard.html", context)


@login_required
@require_POST
def report_new(request):
    ids = {}
    for name in ("body", "period"):
        raw = request.POST.get(name) or "0"
        if not raw.isdigit() or len(raw) > 18:
            return HttpResponseBadRequest(
                _("%(field)s: choose one from the list (got %(value)s).")
                % {"field": name, "value": raw[:40]},
                content_type="text/plain; charset=utf-8",
            )
        ids[name] = int(raw)
    body = roles.body_of(request.user)
    if body is None:
        body = get_object_or_404(ReportingBody, pk=ids["body"])
    period = get_object_or_404(Period, pk=ids["period"])
    try:
        report = services.create_report(body, period, actor=request.user)
    except ReportingError as exc:
        show_error(request, exc)
        return redirect("reporting:dashboard")
    messages.success(
        request,
        _("Report started. Fill it in and submit it by %(deadline)s.")
        % {"deadline": period.deadline},
    )
    return redirect("reporting:report_edit", pk=report.pk)


@login_required
def report_detail(request, pk):
    report = report_in_scope(request, pk)
    _errors, flags = (
        errors_and_flags(report) if report.state == Report.State.SUBMITTED else ({}, {})
    )
    context = {
        "report": report,
        "entries": report.entries.select_related("point").prefetch_related(
            "values__indicator", "evidence"
        ),
        "comments": report.comments.select_related("author"),
        "can_edit": report.editable and roles.can_edit_body(request.user, report.body),
        "can_review": report.state == Report.State.SUBMITTED
        and request.user.has_perm(roles.REVIEW),
        "can_correct": report.state == Report.State.APPROVED
        and roles.can_edit_body(request.user, report.body)
        and not Report.objects.filter(previous=report).exists(),
        "decision_form": DecisionForm(initial={"version": report.version}),
        "correction_form": CorrectionForm(),
        "flags": flags,
    }
    return render(request, "reporting/report_detail.html", context)


def _save_and_maybe_submit(request, report, form):
    data = {
        k: v
        for k, v in form.cleaned_data.items()
        if k != "version" and not k.startswith("evidence-")
    }
    version = form.cleaned_data["version"]
    warnings = services.save_report(report, data, actor=request.user, expected_version=version)
    _attach_files(request, report, form)
    if "submit" in request.POST:
        report.refresh_from_db()
        services.submit_report(report, actor=request.user)
        messages.success(request, _("Report submitted for review."))
        return True
    if warnings:
        form.add_service_errors(warnings)
        messages.warning(
            request, _("Draft saved. Some values need attention before you can submit.")
        )
        return False
    messages.success(request, _("Draft saved."))
    return True


def _attach_files(request, report, form) -> None:
    """Attach the files sent with the report form (after its fields were saved)."""
    for entry in report.entries.all():
        upload = form.cleaned_data.get(f"evidence-{entry.pk}")
        if not upload:
            continue
        try:
            services.add_evidence(entry, upload, actor=request.user)
            messages.success(request, _("File %(name)s attached.") % {"name": upload.name})
        except ReportingError as exc:
            show_error(request, exc)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = report_in_scope(request, pk)
    if not roles.can_edit_body(request.user, report.body):
        raise Http404("No such report.")
    if not report.editable:
        messages.error(
            request,
            _("This report is %(state)s and cannot be edited.")
            % {"state": report.get_state_display()},
        )
        return redirect("reporting:report", pk=report.pk)
    form = ReportForm(report, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            if _save_and_maybe_submit(request, report, form):
                target = "reporting:report" if "submit" in request.POST else "reporting:report_edit"
                return redirect(target, pk=report.pk)
        except ReportingError as exc:
            show_error(request, exc)
            form.add_service_errors(exc.errors)
        report.refresh_from_db()
        form = _rebound(report, request.POST, form)
    context = {"report": report, "form": form}
    return render(request, "reporting/report_edit.html", context)


def _rebound(report, data, old_form):
    """A form carrying the new version number so the reporter can save again after an error."""
    data = data.copy()
    data["version"] = str(report.version)
    form = ReportForm(report, data)
    form.is_valid()
    for field, errors in old_form.errors.items():
        if field != "version":
            for error in errors:
                form.add_error(field if field != "__all__" else None, error)
    return form


@login_required
@require_POST
def report_review(request, pk):
    report = report_in_scope(request, pk)
    require_perm(request, roles.REVIEW)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or return."))
        return redirect("reporting:report", pk=pk)
    data = form.cleaned_data
    try:
        if data["decision"] == "approve":
            report = services.approve_report(
                report, data["comment"], actor=request.user, expected_version=data["version"]
            )
            if report.state == Report.State.APPROVED:
                messages.success(request, _("Report approved."))
            else:
                messages.success(
                    request,
                    _("First-level approval recorded; the coordinating authority approves next."),
                )
        else:
            services.return_report(
                report, data["comment"], actor=request.user, expected_version=data["version"]
            )
            messages.success(request, _("Report returned to the reporting body."))
    except ReportingError as exc:
        show_error(request, exc)
    return redirect("reporting:report", pk=pk)


@login_required
@require_POST
def report_correct(request, pk):
    report = report_in_scope(request, pk)
    try:
        revision = services.correct_report(
            report, request.POST.get("reason", ""), actor=request.user
        )
    except ReportingError as exc:
        show_error(request, exc)
        return redirect("reporting:report", pk=pk)
    messages.success(request, _("Correction started as revision %(n)s.") % {"n": revision.revision})
    return redirect("reporting:report_edit", pk=revision.pk)


@login_required
@require_POST
def evidence_add(request, pk):
    report = report_in_scope(request, pk)
    form = EvidenceForm(report, request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a point and a file."))
        return redirect("reporting:report_edit", pk=pk)
    entry = get_object_or_404(ReportEntry, pk=form.cleaned_data["entry"], report=report)
    try:
        services.add_evidence(entry, form.cleaned_data["file"], actor=request.user)
        messages.success(request, _("File attached."))
    except ReportingError as exc:
        show_error(request, exc)
    return redirect("reporting:report_edit", pk=pk)


def _evidence_in_scope(request, pk) -> Evidence:
    evidence = get_object_or_404(Evidence.objects.select_related("entry__report__body"), pk=pk)
    if not services.may_download(request.user, evidence):
        raise Http404("No such file.")
    return evidence


@login_required
def evidence_download(request, pk):
    evidence = _evidence_in_scope(request, pk)
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )
    response["Content-Type"] = CONTENT_TYPES.get(evidence.kind, "application/octet-stream")
    return response


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = _evidence_in_scope(request, pk)
    report_pk = evidence.entry.report_id
    try:
        services.remove_evidence(evidence, actor=request.user)
        messages.success(request, _("File removed."))
    except ReportingError as exc:
        show_error(request, exc)
    return redirect("reporting:report_edit", pk=report_pk)
