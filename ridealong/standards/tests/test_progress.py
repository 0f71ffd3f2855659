"""The pure progress module: counting in a rolling window, days left, deficits, new hires."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ridealong.standards.progress import (
    Contact,
    NewHire,
    Rule,
    days_since,
    deficit,
    format_minutes,
    new_hire_status,
    progress,
    tightest,
)

TODAY = datetime.date(2026, 11, 20)
SITE_VISIT, ROLE_PLAY, SUPPORT = 1, 2, 3
SIX_WEEKS = Rule(period_days=42, min_minutes=120, standard_id=1, name="Everyone")


def ago(days: int, minutes: int = 60, kind: int = SITE_VISIT, live: bool = True) -> Contact:
    return Contact(
        on=TODAY - datetime.timedelta(days=days),
        minutes=minutes,
        kind_id=kind,
        is_live=live,
        is_support=kind == SUPPORT,
    )


def test_it_counts_nothing_when_there_are_no_contacts():
    result = progress(SIX_WEEKS, [], TODAY)
    assert (result.minutes_done, result.contacts_done, result.live_done) == (0, 0, 0)
    assert result.minutes_missing == 120
    assert not result.met
    assert result.days_left == 0
    assert result.summary() == "0 h of 2 h, due now"


def test_it_says_how_far_and_how_long_in_the_users_words():
    result = progress(SIX_WEEKS, [ago(25, 90)], TODAY)
    assert result.minutes_done == 90
    assert result.minutes_missing == 30
    # The 1 h 30 from 25 days ago counts for 42 days: 17 more days to add the rest.
    assert result.days_left == 17
    assert result.summary() == "1 h 30 of 2 h, 17 days left"


def test_it_counts_the_first_day_of_the_window_and_not_the_day_before():
    first_day = progress(SIX_WEEKS, [ago(41, 120)], TODAY)
    day_before = progress(SIX_WEEKS, [ago(42, 120)], TODAY)
    assert first_day.minutes_done == 120
    assert first_day.window_start == TODAY - datetime.timedelta(days=41)
    assert day_before.minutes_done == 0


def test_it_counts_a_contact_straddling_the_window_edge_by_its_start_day():
    # Started the evening before the window opens and ran eight hours: it does not count.
    straddling = ago(42, 480)
    assert progress(SIX_WEEKS, [straddling], TODAY).minutes_done == 0
    # Started on the first day of the window: counts with its whole duration.
    assert progress(SIX_WEEKS, [ago(41, 480)], TODAY).minutes_done == 480


def test_it_does_not_count_contacts_after_today():
    result = progress(SIX_WEEKS, [ago(-1, 300)], TODAY)
    assert result.minutes_done == 0


def test_it_says_how_long_a_met_standard_stays_met():
    # 2 h from 30 days ago and 1 h from 10 days ago: met; still met when the old one drops
    # out? No: 1 h alone is not enough, so it stays met until day 42 - 30 = 12.
    result = progress(SIX_WEEKS, [ago(30, 120), ago(10, 60)], TODAY)
    assert result.met
    assert result.days_left == 12
    assert result.summary() == "3 h of 2 h, met for 12 more days"


def test_it_skips_contacts_whose_dropping_out_does_not_break_a_met_standard():
    result = progress(SIX_WEEKS, [ago(40, 30), ago(5, 120)], TODAY)
    assert result.met
    assert result.days_left == 37  # the 2 h from 5 days ago keep it met until then


def test_it_counts_contacts_only_for_a_contacts_only_standard():
    rule = Rule(period_days=28, min_contacts=2)
    result = progress(rule, [ago(3, 15), ago(20, 15), ago(30, 600)], TODAY)
    assert result.contacts_done == 2
    assert result.minutes_needed == 0
    assert result.met
    assert result.summary() == "2 of 2 contacts, met for 8 more days"


def test_it_needs_both_when_a_standard_asks_for_hours_and_contacts():
    rule = Rule(period_days=42, min_minutes=120, min_contacts=3)
    result = progress(rule, [ago(3, 200)], TODAY)
    assert result.minutes_missing == 0
    assert result.contacts_missing == 2
    assert not result.met
    assert result.fraction == pytest.approx(1 / 3)


def test_it_asks_for_live_contacts_when_the_standard_does():
    rule = Rule(period_days=42, min_minutes=120, min_live=1)
    rehearsed = progress(rule, [ago(3, 180, kind=ROLE_PLAY, live=False)], TODAY)
    assert rehearsed.minutes_missing == 0
    assert rehearsed.live_missing == 1
    assert not rehearsed.met
    assert rehearsed.summary() == "3 h of 2 h, 0 of 1 live, 39 days left"
    live = progress(rule, [ago(3, 180, kind=ROLE_PLAY, live=False), ago(4, 5)], TODAY)
    assert live.met


def test_it_counts_only_the_chosen_kinds():
    rule = Rule(period_days=42, min_minutes=60, kind_ids=frozenset({SUPPORT}))
    result = progress(rule, [ago(3, 120), ago(4, 30, kind=SUPPORT)], TODAY)
    assert result.minutes_done == 30
    assert result.contacts_done == 1


def test_it_refuses_a_rule_that_asks_for_nothing_or_has_no_period():
    with pytest.raises(ValueError, match="minutes, contacts"):
        Rule(period_days=42)
    with pytest.raises(ValueError, match="at least one day"):
        Rule(period_days=0, min_minutes=60)


def test_it_formats_hours_like_people_say_them():
    assert format_minutes(0) == "0 h"
    assert format_minutes(45) == "45 min"
    assert format_minutes(60) == "1 h"
    assert format_minutes(90) == "1 h 30"
    assert format_minutes(125) == "2 h 05"


def test_it_takes_the_least_fulfilled_standard_as_the_tightest():
    loose = progress(Rule(period_days=42, min_minutes=60, standard_id=1), [ago(2, 45)], TODAY)
    strict = progress(
        Rule(period_days=42, min_minutes=120, min_live=1, standard_id=2),
        [ago(2, 45, live=False)],
        TODAY,
    )
    assert tightest([loose, strict]) is strict
    assert tightest([]) is None
    found = deficit(7, [loose, strict], NewHire(applies=False))
    assert found.standard_id == 2
    assert found.minutes_missing == 75
    assert found.live_missing == 1
    assert found.is_behind


def test_it_reports_no_deficit_when_every_standard_is_met():
    met = progress(SIX_WEEKS, [ago(2, 120)], TODAY)
    found = deficit(7, [met], NewHire(applies=False))
    assert not found.is_behind
    assert found.standard_id is None
    assert deficit(7, [], NewHire(applies=False)).minutes_missing == 0


def test_it_asks_new_technical_hires_for_a_support_contact():
    hired = TODAY - datetime.timedelta(days=10)
    fresh = new_hire_status(
        is_technical=True, hire_date=hired, rule_days=30, contacts=[ago(2)], today=TODAY
    )
    assert fresh.applies
    assert fresh.needs_support_seat
    assert fresh.deadline == hired + datetime.timedelta(days=30)
    assert fresh.days_left(TODAY) == 20
    served = new_hire_status(
        is_technical=True,
        hire_date=hired,
        rule_days=30,
        contacts=[ago(2, kind=SUPPORT)],
        today=TODAY,
    )
    assert served.applies
    assert not served.needs_support_seat
    before_hire = new_hire_status(
        is_technical=True,
        hire_date=hired,
        rule_days=30,
        contacts=[ago(12, kind=SUPPORT)],
        today=TODAY,
    )
    assert before_hire.needs_support_seat


@pytest.mark.parametrize(
    ("technical", "days_ago"), [(False, 5), (True, 30), (True, 400), (True, -3)]
)
def test_it_leaves_others_out_of_the_new_hire_rule(technical, days_ago):
    status = new_hire_status(
        is_technical=technical,
        hire_date=TODAY - datetime.timedelta(days=days_ago),
        rule_days=30,
        contacts=[],
        today=TODAY,
    )
    assert not status.applies
    assert not status.needs_support_seat


def test_it_counts_days_since_the_last_contact():
    assert days_since(None, TODAY) is None
    assert days_since(TODAY - datetime.timedelta(days=4), TODAY) == 4


# Bounded: the machine is shared, and generation of dated lists is slow on a busy core.
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- properties -------------------------------------------------------------------------------

contacts_strategy = st.lists(
    st.builds(
        Contact,
        on=st.dates(
            min_value=TODAY - datetime.timedelta(days=120),
            max_value=TODAY + datetime.timedelta(days=5),
        ),
        minutes=st.integers(min_value=1, max_value=24 * 60),
        kind_id=st.sampled_from([SITE_VISIT, ROLE_PLAY, SUPPORT]),
        is_live=st.booleans(),
    ),
    max_size=25,
)
rules_strategy = st.builds(
    Rule,
    period_days=st.integers(min_value=1, max_value=120),
    min_minutes=st.one_of(st.none(), st.integers(min_value=1, max_value=600)),
    min_contacts=st.integers(min_value=1, max_value=6),
    min_live=st.integers(min_value=0, max_value=3),
    kind_ids=st.one_of(
        st.none(), st.frozensets(st.sampled_from([SITE_VISIT, ROLE_PLAY, SUPPORT]), min_size=1)
    ),
)


@SETTINGS
@given(rule=rules_strategy, contacts=contacts_strategy)
def test_it_never_counts_more_than_was_logged_and_missing_plus_done_covers_the_need(rule, contacts):
    result = progress(rule, contacts, TODAY)
    assert 0 <= result.minutes_done <= sum(c.minutes for c in contacts)
    assert 0 <= result.live_done <= result.contacts_done <= len(contacts)
    assert result.minutes_done + result.minutes_missing >= result.minutes_needed
    assert 0.0 <= result.fraction <= 1.0
    assert result.met == (result.fraction == 1.0)
    assert result.days_left >= 0
    assert result.days_left <= rule.period_days
    assert all(result.window_start <= c.on <= TODAY for c in result.counted)


@SETTINGS
@given(rule=rules_strategy, contacts=contacts_strategy, extra=contacts_strategy)
def test_it_never_loses_progress_when_contacts_are_added(rule, contacts, extra):
    before = progress(rule, contacts, TODAY)
    after = progress(rule, contacts + extra, TODAY)
    assert after.minutes_done >= before.minutes_done
    assert after.contacts_done >= before.contacts_done
    assert after.fraction >= before.fraction
    assert not before.met or after.met


@SETTINGS
@given(rule=rules_strategy, contacts=contacts_strategy)
def test_it_keeps_a_met_standard_met_for_exactly_the_days_left(rule, contacts):
    result = progress(rule, contacts, TODAY)
    if not result.met:
        return
    last_met_day = TODAY + datetime.timedelta(days=result.days_left - 1)
    first_unmet_day = TODAY + datetime.timedelta(days=result.days_left)
    past = [c for c in contacts if c.on <= TODAY]  # nothing new happens
    assert progress(rule, past, last_met_day).met
    assert not progress(rule, past, first_unmet_day).met
