from django.urls import path

from napmon.reporting.views import (
    audit,
    cockpit,
    periods,
    reports,
    reviews,
    scorecard,
    targets,
)

app_name = "reporting"

urlpatterns = [
    path("", reports.dashboard, name="dashboard"),
    path("start/", cockpit.landing, name="landing"),
    path("cockpit/", cockpit.cockpit, name="cockpit"),
    path("queue/", cockpit.queue, name="queue"),
    path("mine/", cockpit.my_reports, name="my_reports"),
    path("completeness/", cockpit.matrix, name="matrix"),
    path("status/", cockpit.status, name="status"),
    path("notices/", cockpit.notices, name="notices"),
    path("scorecard/<str:label>/", scorecard.scorecard, name="scorecard"),
    path("targets/<slug:slug>/", targets.target, name="target"),
    path("progress-status/", targets.progress_method, name="progress_method"),
    path("reports/new/", reports.report_new, name="report_new"),
    path("reports/<int:pk>/", reports.report_detail, name="report"),
    path("reports/<int:pk>/edit/", reports.report_edit, name="report_edit"),
    path("reports/<int:pk>/review/", reports.report_review, name="report_review"),
    path("reports/<int:pk>/correct/", reports.report_correct, name="report_correct"),
    path("reports/<int:pk>/evidence/", reports.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/", reports.evidence_download, name="evidence"),
    path("evidence/<int:pk>/delete/", reports.evidence_delete, name="evidence_delete"),
    path("periods/", periods.periods, name="periods"),
    path("periods/<int:pk>/reopen/", periods.period_reopen, name="period_reopen"),
    path("periods/<int:pk>/rates/", periods.rates, name="rates"),
    path("periods/<int:pk>/remind/", periods.remind, name="remind"),
    path("assignments/", periods.assignments, name="assignments"),
    path("assignments/<int:pk>/end/", periods.assignment_end, name="assignment_end"),
    path("reviews/", reviews.reviews, name="reviews"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review"),
    path("reviews/<int:pk>/propose/", reviews.review_propose, name="review_propose"),
    path("reviews/<int:pk>/finalise/", reviews.review_finalise, name="review_finalise"),
    path("reviews/<int:pk>/points/<int:row_pk>/", reviews.rating_record, name="rating_record"),
    path(
        "reviews/<int:pk>/provinces/<int:row_pk>/",
        reviews.province_rating_record,
        name="province_rating_record",
    ),
    path("points/<str:label>/<int:number>/", reviews.point_ratings, name="point_ratings"),
    path("rubric/", reviews.rubric, name="rubric"),
    path("audit/", audit.audit_log, name="audit"),
]
