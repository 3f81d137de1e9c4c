"""Documents made from councils' records: PDFs (WeasyPrint), the agenda history table, the .ics calendar."""

import datetime
from itertools import groupby
from zoneinfo import ZoneInfo

import tablib
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from sasaeai.core.fiscal import era_label

from .models import Meeting


def _no_fetch(url, *args, **kwargs):
    # PDFs are built from our own HTML only: nothing is fetched, not even on a closed network.
    raise ValueError(f"refused to fetch {url}")


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def agenda_history(council) -> list[dict]:
    """Every meeting of the council by fiscal year, newest year first, with its agenda (Maebashi's table)."""
    meetings = list(council.meetings.prefetch_related("agenda_items").order_by("-fiscal_year", "number"))
    years = []
    for fiscal_year, group in groupby(meetings, key=lambda m: m.fiscal_year):
        years.append({"fiscal_year": fiscal_year, "label": era_label(fiscal_year), "meetings": list(group)})
    return years


# A context keeps these column names from taking another app's translation of the same word.
HISTORY_HEADERS = (
    pgettext_lazy("agenda history column", "Fiscal year"),
    pgettext_lazy("agenda history column", "Fiscal year (western)"),
    pgettext_lazy("agenda history column", "Meeting"),
    pgettext_lazy("agenda history column", "Date"),
    pgettext_lazy("agenda history column", "Format"),
    pgettext_lazy("agenda history column", "Status"),
    pgettext_lazy("agenda history column", "Kind of item"),
    pgettext_lazy("agenda history column", "Agenda item"),
    pgettext_lazy("agenda history column", "Presenter"),
)


def agenda_history_dataset(council) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=[str(h) for h in HISTORY_HEADERS], title=council.name[:31])
    for year in agenda_history(council):
        for meeting in year["meetings"]:
            base = [
                year["label"], meeting.fiscal_year, meeting.number_label, meeting.date.isoformat(),
                str(meeting.get_format_display()), str(meeting.get_status_display()),
            ]  # fmt: skip
            items = list(meeting.agenda_items.all())
            if not items:
                dataset.append([*base, "", "", ""])
            for item in items:
                dataset.append([*base, str(item.get_kind_display()), item.title, item.presenter])
    return dataset


def _event_times(meeting: Meeting):
    tz = ZoneInfo(settings.TIME_ZONE)
    if meeting.start_time is None:
        return meeting.date, meeting.date + datetime.timedelta(days=1)
    start = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=tz)
    end = (
        datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=tz)
        if meeting.end_time
        else start + datetime.timedelta(hours=2)
    )
    return start, end


def meetings_ics(meetings, *, host: str, calendar_name: str) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//sasaeai//councils//JA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", calendar_name)
    stamp = timezone.now()
    for meeting in meetings:
        start, end = _event_times(meeting)
        event = Event()
        event.add("uid", f"councils-meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", f"{meeting.council.name} {meeting.title}")
        if meeting.place:
            event.add("location", meeting.place)
        agenda = "\n".join(f"・{i.get_kind_display()}: {i.title}" for i in meeting.agenda_items.all())
        description = f"{_('Format')}: {meeting.get_format_display()}"
        if agenda:
            description += "\n" + agenda
        event.add("description", description)
        if meeting.status == Meeting.Status.CANCELLED:
            event.add("status", "CANCELLED")
        cal.add_component(event)
    return cal.to_ical()
