"""Permission rows for the themes pages and API (walked by the matrix).

Everyone signed in reads themes; program leads and admins edit them and recompute."""

from tests.permissions import Expect, api_program, api_statuses, everyone, program


def _theme(cast):
    from ridealong.themes.tests.factories import InsightFactory, theme_with

    insights = [
        InsightFactory(customer=cast.acme, text="Changeover takes too long"),
        InsightFactory(customer=cast.globex, text="Format parts are hard to find"),
    ]
    theme = theme_with(insights)
    return theme, insights


def theme(cast):
    return {"pk": _theme(cast)[0].pk}


def theme_api(cast):
    return {"theme_id": _theme(cast)[0].pk}


def two_themes(cast):
    theme, _ = _theme(cast)
    other, _ = _theme(cast)
    cast._other_theme = other  # read by the data lambda below
    return {"pk": theme.pk}


def split_setup(cast):
    theme, insights = _theme(cast)
    cast._split_insight = insights[0].pk
    return {"pk": theme.pk}


def api_two_themes(cast):
    return {"theme_id": two_themes(cast)["pk"]}


def api_split_setup(cast):
    return {"theme_id": split_setup(cast)["pk"]}


def run(cast):
    from ridealong.themes.models import ThemeRun

    run = ThemeRun.objects.create(status="done", progress=100)
    return {"pk": run.pk}


def api_run(cast):
    return {"run_id": run(cast)["pk"]}


PAGES = {
    "themes:themes": [Expect(everyone())],
    "themes:detail": [Expect(everyone(), kwargs=theme)],
    "themes:run": [Expect(everyone(), kwargs=run)],
    "themes:rename": [
        Expect(everyone(405), kwargs=theme, note="POST only"),
        Expect(
            program(302), method="post", kwargs=theme, data=lambda cast: {"name": "Changeovers"}
        ),
    ],
    "themes:pin": [
        Expect(program(302), method="post", kwargs=theme, data=lambda cast: {"pinned": "1"})
    ],
    "themes:merge": [
        Expect(
            program(302),
            method="post",
            kwargs=two_themes,
            data=lambda cast: {"into": cast._other_theme.pk},
        )
    ],
    "themes:split": [
        Expect(
            program(302),
            method="post",
            kwargs=split_setup,
            data=lambda cast: {"name": "Finding parts", "insights": [cast._split_insight]},
        )
    ],
    "themes:recompute": [
        Expect(everyone(405), note="POST only"),
        Expect(program(302), method="post", data=lambda cast: {"full": "1"}),
    ],
}

API = {
    ("GET", "/api/v1/themes"): Expect(api_statuses(200)),
    ("GET", "/api/v1/themes/{theme_id}"): Expect(api_statuses(200), kwargs=theme_api),
    ("PATCH", "/api/v1/themes/{theme_id}"): Expect(
        api_program(200), kwargs=theme_api, data=lambda cast: {"name": "Changeovers"}
    ),
    ("POST", "/api/v1/themes/{theme_id}/merge"): Expect(
        api_program(200), kwargs=api_two_themes, data=lambda cast: {"into_id": cast._other_theme.pk}
    ),
    ("POST", "/api/v1/themes/{theme_id}/split"): Expect(
        api_program(201),
        kwargs=api_split_setup,
        data=lambda cast: {"name": "Finding parts", "insight_ids": [cast._split_insight]},
    ),
    ("POST", "/api/v1/theme-runs"): Expect(api_program(202), data=lambda cast: {"full": True}),
    ("GET", "/api/v1/theme-runs/{run_id}"): Expect(api_statuses(200), kwargs=api_run),
    ("POST", "/api/v1/sentiment"): Expect(
        api_statuses(200), data=lambda cast: {"texts": ["Great service, thank you"]}
    ),
}
