"""Permission rows for the scheduler's pages and API (walked by tests/test_permission_matrix.py).

The scheduler is the program leads' and admins' tool: everyone else gets 403, on pages and API.
"""

from tests.permissions import Expect, api_program, everyone, program


def a_run(cast):
    from ridealong.scheduling.tests.factories import SchedulerRunFactory

    return {"pk": SchedulerRunFactory().pk}


def run_id(cast):
    return {"run_id": a_run(cast)["pk"]}


PAGES = {
    "scheduling:runs": [
        Expect(program()),
        Expect(
            program(302),
            method="post",
            data=lambda cast: {"period": "week", "customer_cap": "3", "department_share": "50"},
        ),
    ],
    "scheduling:run": [Expect(program(), kwargs=a_run)],
    "scheduling:progress": [Expect(program(), kwargs=a_run)],
    "scheduling:publish": [
        Expect(everyone(405), kwargs=a_run, note="POST only"),
        Expect(program(302), method="post", kwargs=a_run),
    ],
}

API = {
    ("GET", "/api/v1/scheduler-runs"): Expect(api_program(200)),
    ("POST", "/api/v1/scheduler-runs"): Expect(
        api_program(201), data=lambda cast: {"period": "week"}
    ),
    ("GET", "/api/v1/scheduler-runs/{run_id}"): Expect(api_program(200), kwargs=run_id),
    ("GET", "/api/v1/scheduler-runs/{run_id}/proposals"): Expect(api_program(200), kwargs=run_id),
    ("POST", "/api/v1/scheduler-runs/{run_id}/publish"): Expect(api_program(200), kwargs=run_id),
}
