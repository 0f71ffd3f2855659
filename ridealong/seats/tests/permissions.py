"""Permission rows for the seats pages and API (collected by tests/test_permission_matrix.py).

Max (member) hosts an opportunity; Fay (other_member, in Olga's team) holds seats on it.
"""

import datetime

from django.utils import timezone

from ridealong.seats import services
from ridealong.seats.models import Assignment
from tests import factories as f
from tests.permissions import Expect, api_statuses, everyone, statuses

# The host (Max), program leads and admins; not other managers, not Max's manager.
HOST = statuses(member=200, manager=403, other_manager=403, program_lead=200)
HOST_POST = statuses(member=302, manager=403, other_manager=403, program_lead=302)
# Max's own seat: Max, program leads and admins.
OWN = HOST
OWN_POST = HOST_POST
# A swap offered to Max: the two people in it and program leads; the others do not see it.
SWAP_POST = statuses(member=302, manager=404, other_manager=404, program_lead=302)


def _start(days: int = 7, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def hosted_by_max(cast, **overrides):
    start = overrides.pop("starts_at", None) or _start()
    return services.opportunity_create(
        by=cast.member,
        host=cast.member.person,
        kind=f.kind("sales-ride-along"),
        customer=cast.acme,
        title="Sales call with Acme",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        seats=2,
        **overrides,
    )


def opportunity(cast):
    return {"pk": hosted_by_max(cast).pk}


def occurrence(cast):
    return {"pk": hosted_by_max(cast).occurrences.get().pk}


def fays_pending_seat(cast):
    slot = hosted_by_max(cast, requires_approval=True).occurrences.get()
    seat = services.signup(occurrence=slot, person=cast.other_member.person, by=None)
    return {"pk": seat.pk}


def maxs_seat(cast) -> Assignment:
    start = _start()
    slot = services.opportunity_create(
        by=cast.other_manager,
        host=cast.other_manager.person,
        kind=f.kind("site-visit"),
        customer=cast.globex,
        title="Visit Globex",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        seats=2,
    ).occurrences.get()
    return services.signup(occurrence=slot, person=cast.member.person, by=None)


def max_seat(cast):
    return {"pk": maxs_seat(cast).pk}


def fays_past_seat(cast):
    start = timezone.now() - datetime.timedelta(days=2)
    slot = hosted_by_max(cast, starts_at=start).occurrences.get()
    seat = Assignment.objects.create(
        occurrence=slot, person=cast.other_member.person, status="confirmed", seat_number=1
    )
    return {"pk": seat.pk}


def swap_for_max(cast):
    slot = services.opportunity_create(
        by=cast.program_lead,
        host=cast.program_lead.person,
        kind=f.kind("support-listening"),
        title="Support line listening",
        starts_at=_start(),
        ends_at=_start() + datetime.timedelta(hours=2),
        seats=1,
    ).occurrences.get()
    seat = services.signup(occurrence=slot, person=cast.other_member.person, by=None)
    return {"pk": services.swap_request(assignment=seat, to_person=cast.member.person, by=None).pk}


PAGES = {
    "seats:board": [Expect(everyone())],
    "seats:mine": [Expect(everyone())],
    "seats:opportunity_create": [
        Expect(everyone()),
        Expect(
            everyone(200),
            method="post",
            data=lambda cast: {"title": ""},
            note="a bad form comes back with its errors",
        ),
    ],
    "seats:opportunity_detail": [Expect(everyone(), kwargs=opportunity)],
    "seats:opportunity_edit": [Expect(HOST, kwargs=opportunity)],
    "seats:opportunity_cancel": [
        Expect(everyone(405), kwargs=opportunity, note="POST only"),
        Expect(HOST_POST, method="post", kwargs=opportunity),
    ],
    "seats:signup": [
        Expect(everyone(405), kwargs=occurrence, note="POST only"),
        Expect(everyone(302), method="post", kwargs=occurrence, note="the host is refused"),
    ],
    "seats:occurrence_cancel": [Expect(HOST_POST, method="post", kwargs=occurrence)],
    "seats:assignment_cancel": [Expect(OWN_POST, method="post", kwargs=max_seat)],
    "seats:assignment_approve": [Expect(HOST_POST, method="post", kwargs=fays_pending_seat)],
    "seats:assignment_decline": [Expect(HOST_POST, method="post", kwargs=fays_pending_seat)],
    "seats:assignment_log": [
        Expect(
            statuses(member=302, manager=403, other_manager=403, program_lead=302),
            method="post",
            kwargs=fays_past_seat,
            note="the host logs it (Fay herself too)",
        )
    ],
    "seats:swap_create": [Expect(OWN, kwargs=max_seat)],
    "seats:swap_accept": [Expect(SWAP_POST, method="post", kwargs=swap_for_max)],
    "seats:swap_decline": [Expect(SWAP_POST, method="post", kwargs=swap_for_max)],
}


def _api_opportunity(cast):
    return {"opportunity_id": hosted_by_max(cast).pk}


def _api_occurrence(cast):
    return {"occurrence_id": hosted_by_max(cast).occurrences.get().pk}


def _api_new_opportunity(cast):
    start = _start(days=9)
    return {
        "kind": f.kind("support-listening").pk,
        "title": "Support line listening",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=2)).isoformat(),
        "seats": 2,
        "recurrence": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    }


API_HOST = api_statuses(200, manager=403, other_manager=403)
API_OWN = api_statuses(200, manager=403, other_manager=403)
API_SWAP = api_statuses(200, manager=404, other_manager=404)

API = {
    ("GET", "/api/v1/opportunities"): Expect(api_statuses(200)),
    ("POST", "/api/v1/opportunities"): Expect(api_statuses(201), data=_api_new_opportunity),
    ("GET", "/api/v1/opportunities/{opportunity_id}"): Expect(
        api_statuses(200), kwargs=_api_opportunity
    ),
    ("PATCH", "/api/v1/opportunities/{opportunity_id}"): Expect(
        API_HOST, kwargs=_api_opportunity, data=lambda c: {"seats": 3}
    ),
    ("POST", "/api/v1/opportunities/{opportunity_id}/cancel"): Expect(
        API_HOST, kwargs=_api_opportunity
    ),
    ("GET", "/api/v1/occurrences"): Expect(api_statuses(200)),
    ("GET", "/api/v1/occurrences/{occurrence_id}"): Expect(
        api_statuses(200), kwargs=_api_occurrence
    ),
    ("POST", "/api/v1/signups"): Expect(
        api_statuses(201, member=409),
        data=lambda c: {"occurrence": hosted_by_max(c).occurrences.get().pk},
        note="the host (Max) cannot take a seat on his own",
    ),
    ("DELETE", "/api/v1/signups/{assignment_id}"): Expect(
        api_statuses(204, manager=403, other_manager=403),
        kwargs=lambda c: {"assignment_id": maxs_seat(c).pk},
    ),
    ("GET", "/api/v1/assignments/mine"): Expect(api_statuses(200)),
    ("POST", "/api/v1/assignments/{assignment_id}/approve"): Expect(
        API_HOST, kwargs=lambda c: {"assignment_id": fays_pending_seat(c)["pk"]}
    ),
    ("POST", "/api/v1/assignments/{assignment_id}/decline"): Expect(
        API_HOST, kwargs=lambda c: {"assignment_id": fays_pending_seat(c)["pk"]}
    ),
    ("POST", "/api/v1/assignments/{assignment_id}/engagement"): Expect(
        api_statuses(201, manager=403, other_manager=403),
        kwargs=lambda c: {"assignment_id": fays_past_seat(c)["pk"]},
    ),
    ("GET", "/api/v1/swaps"): Expect(api_statuses(200)),
    ("POST", "/api/v1/swaps"): Expect(
        api_statuses(201, manager=403, other_manager=403),
        data=lambda c: {
            "assignment": maxs_seat(c).pk,
            "to_person": c.other_member.person.pk,
        },
    ),
    ("POST", "/api/v1/swaps/{swap_id}/accept"): Expect(
        API_SWAP, kwargs=lambda c: {"swap_id": swap_for_max(c)["pk"]}
    ),
    ("POST", "/api/v1/swaps/{swap_id}/decline"): Expect(
        API_SWAP, kwargs=lambda c: {"swap_id": swap_for_max(c)["pk"]}
    ),
}
