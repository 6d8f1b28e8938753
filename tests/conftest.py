"""Shared test fixtures: a fixed clock, a temporary sessions folder, small plans and sessions."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.model import Plan, Session, SessionStep, Step

UK_SUMMER = timezone(timedelta(hours=1))
TEN_AM = datetime(2026, 7, 8, 10, 0, tzinfo=UK_SUMMER)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TEN_AM)


@pytest.fixture
def sessions_dir(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


def small_plan() -> Plan:
    return Plan(
        name="small",
        title="A small plan",
        description="Three steps for tests.",
        steps=[
            Step(title="Welcome", kind="activity", planned_minutes=10, instructions="Say hello."),
            Step(title="Tea", kind="break", planned_minutes=15),
            Step(title="Talk", kind="discussion", planned_minutes=30, prompts=["What matters?"]),
        ],
    )


def small_session(title: str = "Co-production training, part 1") -> Session:
    plan = small_plan()
    steps = [
        SessionStep(id=f"s{number}", **step.model_dump())
        for number, step in enumerate(plan.steps, start=1)
    ]
    return Session(id="test", title=title, started_at=TEN_AM, plan=plan, steps=steps)
