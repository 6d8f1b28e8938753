"""What a commissioning panel does, as commands that become events.

A mixin of SessionEngine, like RecordCommands: it uses the engine's session, clock and _emit.
The panel decides; these commands check that what is typed makes sense and record it.
"""

from typing import TYPE_CHECKING, Any

from workshop_tui.core.clock import Clock
from workshop_tui.core.command_rules import command
from workshop_tui.core.event_details import Details
from workshop_tui.core.event_kinds import Kind
from workshop_tui.core.panel_events import (
    AboutApplication,
    ApplicationAdded,
    ApplicationCorrected,
    AwardMade,
    DeclarationMade,
    DeclarationUndone,
    ImportUndone,
    MemberCommented,
    PotChanged,
    RoundOpened,
    ScoreAgreed,
    ScoreChanged,
    ScoreEntered,
    TieOrdered,
    find_score,
)
from workshop_tui.core.panel_views import (
    award_of,
    departure,
    last_import,
    member_of_window,
    members,
    ranking,
    typed_by_member_themselves,
)
from workshop_tui.core.record_commands import NotNow
from workshop_tui.core.window_roles import FACILITATOR, MEMBERS, WRITERS
from workshop_tui.model import Event, Participant, Session
from workshop_tui.model.command_arguments import (
    LARGEST_POT_PENCE,
    LONGEST_WORDS,
    AddApplication,
    AddApplications,
    AddComment,
    AgreeScore,
    ChangePot,
    ChangeScore,
    DeclareInterest,
    DeclareNoInterests,
    EditApplication,
    EnterScore,
    MakeAward,
    NoArguments,
    OpenRound,
    OrderTie,
    RemoveApplication,
    UndoDeclaration,
    WithdrawApplication,
)
from workshop_tui.model.panel import PANEL_OUTCOMES, SCORING_ROLES, Panel
from workshop_tui.model.round import TIE_BREAKS, Application, Criterion, pounds


def _words(text: str, what: str, needed: bool = True) -> str:
    text = " ".join(str(text).split())
    if needed and not text:
        raise NotNow(f"Please say {what}.")
    if len(text) > LONGEST_WORDS:
        raise NotNow(f"That is {len(text):,} characters; {what} can be at most {LONGEST_WORDS:,}.")
    return text


def _money(amount_pence: Any, what: str) -> int:
    if isinstance(amount_pence, bool) or not isinstance(amount_pence, int):
        raise NotNow(f"{what} must be a whole number of pence.")
    if not 0 < amount_pence <= LARGEST_POT_PENCE:
        raise NotNow(f"{what} must be more than nothing and at most {pounds(LARGEST_POT_PENCE)}.")
    return amount_pence


class PanelCommands:
    if TYPE_CHECKING:
        session: Session
        clock: Clock

        _stamp: dict[str, str]

        def _emit(self, event_kind: Kind, details: Details | None = None) -> list[Event]: ...

        def make_codes(self) -> list[Event]: ...

    # A member's own window (opened with Margaret's code) does Margaret's part and nothing else.

    def _own_window(self) -> Participant | None:
        """The panel member whose own window sent this command, if it came from one."""
        window = self._stamp.get("window", "")
        own = member_of_window(self.session, window)
        if own is None and window.partition(": ")[0] == "member":
            # A member's window that names no one on the panel now acts for no one, never for everyone.
            raise NotNow("This panel member's window does not match anyone on the panel now. Ask the chair.")
        return own

    def _for_the_chair(self) -> None:
        own = self._own_window()
        if own is not None:
            raise NotNow(
                f"This is {own.name}'s own window, for {own.name}'s scores. The chair does this on the main screen."
            )

    def _for_oneself(self, member: str) -> None:
        own = self._own_window()
        if own is not None and own.id != member:
            raise NotNow(f"This is {own.name}'s own window, so it takes only {own.name}'s declarations and scores.")

    # The round.

    @property
    def panel(self) -> Panel:
        if self.session.panel is None:
            raise NotNow("No round is open yet. Open one with its pot first.")
        return self.session.panel

    @command(FACILITATOR, OpenRound, "open the round", chairs=True)
    def open_round(self, pot_pence: int, tie_break: str = "") -> list[Event]:
        self._for_the_chair()
        if self.session.plan.panel is None:
            raise NotNow("This plan has no criteria to score against, so it cannot hold a round. Use a panel plan.")
        if self.session.panel is not None:
            raise NotNow("The round is already open. To change the pot, change it with a reason.")
        if tie_break and tie_break not in TIE_BREAKS:
            raise NotNow(f"'{tie_break}' is not a tie-break rule. Choose one of: {', '.join(TIE_BREAKS)}.")
        opened = RoundOpened(pot=_money(pot_pence, "The pot"), tie_break=tie_break)
        # Each member's own code, made as the round opens, for the chair to hand out (export --format member-cards).
        return self._emit(Kind.ROUND_OPEN, opened) + self.make_codes()

    @command(FACILITATOR, ChangePot, "change the pot", chairs=True)
    def change_pot(self, pot_pence: int, reason: str) -> list[Event]:
        self._for_the_chair()
        self.panel  # noqa: B018 (refuses when no round is open)
        changed = PotChanged(pot=_money(pot_pence, "The pot"), reason=_words(reason, "why the pot changed"))
        return self._emit(Kind.ROUND_POT, changed)

    # Applications.

    @command(FACILITATOR, AddApplication, "add an application", chairs=True)
    def add_application(
        self, organisation: str, project: str, amount_pence: int, area: str = "", summary: str = "", link: str = ""
    ) -> list[Event]:
        return self.add_applications(
            [
                {
                    "organisation": organisation,
                    "project": project,
                    "amount_pence": amount_pence,
                    "area": area,
                    "summary": summary,
                    "link": link,
                }
            ]
        )

    @command(FACILITATOR, AddApplications, "add applications", chairs=True)
    def add_applications(self, applications: list[dict[str, Any]], imported: bool = False) -> list[Event]:
        """Several applications at once (an imported spreadsheet): every one is checked before any is added.
        `imported`: they came from one file, so they can be undone together until scoring starts."""
        self._for_the_chair()
        panel = self.panel
        if panel.revealed_at is not None:
            raise NotNow("The scores are revealed, so no application can be added to this round now.")
        checked: list[ApplicationAdded] = []
        # Numbered from every one ever added, so one removed never lends its number to another.
        number = sum(1 for e in self.session.events if e.kind == Kind.APPLICATION_ADD)
        batch = 1 + max((a.batch for a in panel.round.applications), default=0) if imported else 0
        for row, fields in enumerate(applications, start=1):
            where = f"Application {row}" if len(applications) > 1 else "The application"
            try:
                number += 1
                application = Application(
                    id=f"app{number}",
                    organisation=_words(fields.get("organisation", ""), "which organisation it is from"),
                    project=_words(fields.get("project", ""), "what the project is called"),
                    amount_pence=_money(fields.get("amount_pence"), f"{where}'s amount"),
                    area=_words(fields.get("area", ""), "its area", needed=False),
                    summary=_words(fields.get("summary", ""), "its summary", needed=False),
                    link=_words(fields.get("link", ""), "its link", needed=False),
                )
            except NotNow as problem:
                raise NotNow(f"{where}: {problem}" if len(applications) > 1 else str(problem)) from None
            except ValueError as problem:  # pydantic's length limits
                raise NotNow(f"{where} is not right: {str(problem).splitlines()[-1].strip()}.") from None
            added = ApplicationAdded(
                application=application.id,
                organisation=application.organisation,
                project=application.project,
                amount=application.amount_pence,
                area=application.area,
                summary=application.summary,
                link=application.link,
                batch=batch,
            )
            checked.append(added)
        events: list[Event] = []
        for added in checked:
            events += self._emit(Kind.APPLICATION_ADD, added)
        return events

    def _unscored(self, bid: Application) -> None:
        if (
            any(s.application == bid.id for s in self.panel.scores)
            or any(a.application == bid.id for a in self.panel.agreed)
            or any(a.application == bid.id for a in self.panel.awards)
        ):
            raise NotNow(
                f"{bid.organisation} has scores already, so it stays in the record. Withdraw it instead, with a reason."
            )

    @command(FACILITATOR, EditApplication, "correct an application", chairs=True)
    def edit_application(self, application: str, reason: str, **fields: Any) -> list[Event]:
        """Correct an application's details (a typing slip, an amount the applicant revised), with a reason."""
        self._for_the_chair()
        bid = self._application(application)
        if bid.withdrawn:
            raise NotNow(f"{bid.organisation} was withdrawn, so its details stay as they were.")
        changed: dict[str, str] = {}
        wanted = {"organisation": "which organisation it is from", "project": "what the project is called"}
        for field in ("organisation", "project", "area", "summary", "link"):
            if fields.get(field) is not None:
                text = _words(fields[field], wanted.get(field, f"its {field}"), needed=field in wanted)
                if text != getattr(bid, field):
                    changed[field] = text
        amount = None
        if fields.get("amount_pence") is not None:
            amount = _money(fields["amount_pence"], "The amount")
            if amount == bid.amount_pence:
                amount = None
            elif any(a.application == bid.id and a.amount_pence for a in self.panel.awards):
                raise NotNow(
                    f"{bid.organisation} has been given money, so its amount stays. Change the decision first."
                )
        if not changed and amount is None:
            raise NotNow("Nothing was changed.")
        corrected = ApplicationCorrected(
            application=bid.id,
            organisation=changed.get("organisation"),
            project=changed.get("project"),
            area=changed.get("area"),
            summary=changed.get("summary"),
            link=changed.get("link"),
            amount=amount,
            reason=_words(reason, "why it was corrected"),
        )
        return self._emit(Kind.APPLICATION_EDIT, corrected)

    @command(FACILITATOR, WithdrawApplication, "withdraw an application", chairs=True)
    def withdraw_application(self, application: str, reason: str) -> list[Event]:
        """The applicant withdrew, or it is not eligible: kept in the record, no longer scored or decided."""
        self._for_the_chair()
        bid = self._application(application)
        if bid.withdrawn:
            raise NotNow(f"{bid.organisation} is already withdrawn.")
        if any(a.application == bid.id for a in self.panel.awards):
            raise NotNow(
                f"The panel has decided {bid.organisation} already. Change the decision instead, with a reason."
            )
        withdrawn = AboutApplication(application=bid.id, reason=_words(reason, "why it is withdrawn"))
        return self._emit(Kind.APPLICATION_WITHDRAW, withdrawn)

    @command(FACILITATOR, RemoveApplication, "remove an application", chairs=True)
    def remove_application(self, application: str, reason: str = "") -> list[Event]:
        """One added by mistake, before anyone scored it: gone from the round, said in the record."""
        self._for_the_chair()
        bid = self._application(application)
        self._unscored(bid)
        removed = AboutApplication(application=bid.id, reason=_words(reason, "why", needed=False))
        return self._emit(Kind.APPLICATION_REMOVE, removed)

    def last_import(self) -> list[Application]:
        """The applications the last import added that are still in the round: none once it was undone
        or each of them removed (an earlier import is never taken for it)."""
        return last_import(self.session)

    @command(FACILITATOR, NoArguments, "undo an import", chairs=True)
    def undo_import(self) -> list[Event]:
        """Every application the last import added, taken out again: until scoring starts."""
        self._for_the_chair()
        last = self.last_import()
        if not last:
            raise NotNow("There is no import to undo.")
        if self.panel.scores:
            raise NotNow(
                "Scoring has started, so an import can no longer be undone. Withdraw or remove applications one at a time."
            )
        return self._emit(Kind.IMPORT_UNDO, ImportUndone(batch=last[0].batch))

    # Declarations.

    def _member(self, member: str, staff_too: bool = False) -> Participant:
        """A scoring member of the panel; with `staff_too`, anyone on the roster (staff declare too)."""
        for person in self.session.participants:
            if person.id == member:
                if person.role not in SCORING_ROLES and not staff_too:
                    raise NotNow(f"{person.name or 'This person'} is {person.role}, so does not score.")
                return person
        raise NotNow("That person is not on the roster.")

    def _eligible(self, application: str) -> list[Participant]:
        """The members who may score, agree and decide on an application: those with no interest in it."""
        return [p for p in members(self.session) if not self.panel.has_interest(p.id, application)]

    def _application(self, application: str) -> Application:
        try:
            return self.panel.application(application)
        except KeyError:
            raise NotNow("That application is not in this round.") from None

    def _criterion(self, criterion: str) -> Criterion:
        try:
            return self.panel.criterion(criterion)
        except KeyError:
            raise NotNow("That criterion is not one this round scores.") from None

    @command(MEMBERS, DeclareInterest, "declare an interest")
    def declare_interest(self, member: str, application: str, interest: str) -> list[Event]:
        """A member's link to an applicant: they step out of its scoring, discussion and decision."""
        self._for_oneself(member)
        person, bid = self._member(member, staff_too=True), self._application(application)
        if self.panel.has_interest(person.id, bid.id):
            raise NotNow(f"{person.name or 'This member'} has already declared an interest in {bid.organisation}.")
        words = _words(interest, "what the link is")
        made = DeclarationMade(
            declaration=self._next_declaration(), member=person.id, application=bid.id, interest=words
        )
        return self._emit(Kind.DECLARATION_ADD, made)

    @command(MEMBERS, DeclareNoInterests, "declare no interests")
    def declare_no_interests(self, member: str) -> list[Event]:
        self._for_oneself(member)
        person = self._member(member, staff_too=True)
        if any(d.member == person.id and not d.application for d in self.panel.declarations):
            raise NotNow(f"{person.name or 'This member'} has already said they have no interests to declare.")
        interest = next((d for d in self.panel.declarations if d.member == person.id and d.application), None)
        if interest is not None:
            organisation = self.panel.application(interest.application).organisation
            raise NotNow(
                f"{person.name or 'This member'} has declared an interest in {organisation}, "
                "so they cannot also say they have none."
            )
        return self._emit(Kind.DECLARATION_ADD, DeclarationMade(declaration=self._next_declaration(), member=person.id))

    @command(WRITERS, UndoDeclaration, "undo a declaration")
    def undo_declaration(self, declaration: str, reason: str) -> list[Event]:
        """A declaration made in error (the wrong member, the wrong application), undone with a reason by
        the chair or the note-taker: never by the member alone, whose stepping out it would reverse."""
        self._for_the_chair()
        found = next((d for d in self.panel.declarations if d.id == declaration), None)
        if found is None:
            raise NotNow("That declaration is not on record.")
        who = next((p.name for p in self.session.participants if p.id == found.member), "") or "This member"
        if not found.application and any(
            s.member == found.member and s.withdrawn_at is None for s in self.panel.scores
        ):
            raise NotNow(
                f"{who} has scores that rest on having no interests. If they have one, declare it: "
                "that sets their scores on it aside."
            )
        # Undone, it must not leave a member who has scored with nothing declared: their scores would count
        # (those it set aside count again) with no declaration under them.
        others = any(d.member == found.member and d.id != found.id for d in self.panel.declarations)
        if not others and not found.replaced and any(s.member == found.member for s in self.panel.scores):
            raise NotNow(
                f"{who} has scored, and this is their only declaration. Record what they do declare "
                "first (their interests, or no interests), then undo this one."
            )
        undone = DeclarationUndone(declaration=found.id, reason=_words(reason, "why it was made in error"))
        return self._emit(Kind.DECLARATION_UNDO, undone)

    def _next_declaration(self) -> str:
        """A new declaration's id: one more than every one made (a "none" an interest replaced keeps its id)."""
        return f"i{sum(1 for e in self.session.events if e.kind == Kind.DECLARATION_ADD) + 1}"

    # Scores.

    def _level(self, criterion: Criterion, level: int | None) -> int | None:
        if level is None:
            return None
        if isinstance(level, bool) or not isinstance(level, int) or not criterion.lowest <= level <= criterion.highest:
            raise NotNow(f"A score for '{criterion.name}' is from {criterion.lowest} to {criterion.highest}.")
        return level

    def _open_application(self, application: str) -> Application:
        """One still in the round: a withdrawn application is not scored, agreed or decided."""
        bid = self._application(application)
        if bid.withdrawn:
            raise NotNow(f"{bid.organisation} was withdrawn ({bid.withdrawn}), so it is not scored or decided.")
        return bid

    def _scorer(self, member: str, application: str) -> tuple[Participant, Application]:
        self._for_oneself(member)
        person, bid = self._member(member), self._open_application(application)
        if not self.panel.declared(person.id):
            # Declarations come first: no one is counted on an application before saying what links they have.
            raise NotNow(
                f"{person.name or 'This member'} has not made their declarations yet. Record them first "
                "(an interest, or none), on the Declarations tab."
            )
        if self.panel.has_interest(person.id, bid.id):
            raise NotNow(
                f"{person.name or 'This member'} declared an interest in {bid.organisation}, "
                "so stepped out of it and does not score it."
            )
        return person, bid

    @command(MEMBERS, EnterScore, "enter a score")
    def enter_score(
        self,
        member: str,
        application: str,
        criterion: str,
        level: int | None,
        comment: str = "",
        over_own: bool = False,
    ) -> list[Event]:
        """One member's score from their sheet; None is "no score". Before the reveal, typing again corrects it.
        A score the member typed in their own window is typed over from another only with `over_own` (asked first)."""
        person, bid = self._scorer(member, application)
        wanted = self._criterion(criterion)
        value = self._level(wanted, level)
        existing = find_score(self.panel, person.id, bid.id, wanted.id)
        if existing is not None and self.panel.revealed_at is not None:
            raise NotNow("The scores are revealed, so a score is changed with a reason, and the first one is kept.")
        if existing is not None and typed_by_member_themselves(self.session, existing) and not over_own:
            here = self._own_window()
            if here is None or here.id != person.id:
                raise NotNow(
                    f"{person.name} typed this score in their own window, so it is theirs. "
                    "Type over it only if they ask you to: the sheet asks first."
                )
        if existing is not None and existing.level == value and not comment:
            return []
        entered = ScoreEntered(
            member=person.id,
            application=bid.id,
            criterion=wanted.id,
            level=value,
            comment=_words(comment, "a comment", needed=False) or None,
        )
        return self._emit(Kind.SCORE_ENTER, entered)

    @command(MEMBERS, AddComment, "write a comment on an application")
    def add_comment(self, member: str, application: str, text: str) -> list[Event]:
        """A member's comment on an application, for moderation. The applicant reads it only if the panel
        puts it in a decision's reason."""
        person, bid = self._scorer(member, application)
        comment = MemberCommented(member=person.id, application=bid.id, text=_words(text, "the comment"))
        return self._emit(Kind.MEMBER_COMMENT, comment)

    @command(FACILITATOR, NoArguments, "reveal the scores", chairs=True)
    def reveal_scores(self) -> list[Event]:
        self._for_the_chair()
        if self.panel.revealed_at is not None:
            raise NotNow("The scores are already revealed.")
        if not self.panel.scores:
            raise NotNow("No scores have been entered yet, so there is nothing to reveal.")
        return self._emit(Kind.SCORES_REVEAL)

    @command(FACILITATOR, ChangeScore, "change a score after the reveal", chairs=True)
    def change_score(
        self, member: str, application: str, criterion: str, level: int | None, reason: str
    ) -> list[Event]:
        """A member changes their score in moderation and says why; the first score is kept."""
        if self.panel.revealed_at is None:
            raise NotNow("Until the scores are revealed, a score is simply typed again.")
        person, bid = self._scorer(member, application)
        wanted = self._criterion(criterion)
        value = self._level(wanted, level)
        existing = find_score(self.panel, person.id, bid.id, wanted.id)
        if existing is None:
            raise NotNow(f"{person.name or 'This member'} has no score there to change. Enter one first.")
        if existing.level == value:
            raise NotNow("That is the score already there, so nothing changes.")
        changed = ScoreChanged(
            member=person.id,
            application=bid.id,
            criterion=wanted.id,
            reason=_words(reason, "why the score changed"),
            level=value,
        )
        return self._emit(Kind.SCORE_CHANGE, changed)

    @command(FACILITATOR, AgreeScore, "agree a score", chairs=True)
    def agree_score(self, application: str, criterion: str, level: int, reason: str = "") -> list[Event]:
        """The panel's agreed score for one criterion, after talking it through."""
        self._for_the_chair()
        if self.panel.revealed_at is None:
            raise NotNow("The panel agrees scores after the chair reveals them.")
        bid, wanted = self._open_application(application), self._criterion(criterion)
        if not self._eligible(bid.id):
            raise NotNow(
                f"Every member stepped out of {bid.organisation}, so no one is left to agree its score. "
                "Refer it to the funder instead."
            )
        value = self._level(wanted, level)
        if value is None:
            raise NotNow("An agreed score needs a level.")
        agreed = ScoreAgreed(
            application=bid.id, criterion=wanted.id, level=value, reason=_words(reason, "why", needed=False)
        )
        return self._emit(Kind.SCORE_AGREE, agreed)

    # Awards.

    @command(FACILITATOR, MakeAward, "decide an award", chairs=True)
    def make_award(
        self, application: str, outcome: str, reason: str, amount_pence: int | None = None, departure_reason: str = ""
    ) -> list[Event]:
        """Fund in full, fund a smaller amount, defer or decline, with a reason fit to read to the applicant.

        One that goes against the ranking or over the pot needs the panel's reason for that too.
        """
        self._for_the_chair()
        bid = self._open_application(application)
        if outcome not in PANEL_OUTCOMES:
            raise NotNow(f"'{outcome}' is not a decision. Choose one of: {', '.join(PANEL_OUTCOMES)}.")
        if outcome == "refer to the funder":
            if self._eligible(bid.id):
                raise NotNow(
                    f"Members are free to decide {bid.organisation}, so the panel decides it. Referring to the "
                    "funder is for an application every member stepped out of."
                )
            return self._refer(bid, reason)
        if not self._eligible(bid.id):
            raise NotNow(
                f"Every member stepped out of {bid.organisation}, so no one is left to decide it. "
                "Refer it to the funder, with a reason."
            )
        if self.panel.revealed_at is None:
            raise NotNow("The panel decides after the scores are revealed and talked through.")
        if outcome == "fund in full":
            amount = bid.amount_pence
        elif outcome == "fund a smaller amount":
            amount = _money(amount_pence, "The smaller amount")
            if amount >= bid.amount_pence:
                raise NotNow(f"A smaller amount must be less than the {pounds(bid.amount_pence)} asked for.")
        else:
            amount = 0
        words = _words(reason, "the reason, in words that can be read to the applicant")
        why_not = departure(self.panel, bid, outcome, amount)
        if why_not and not " ".join(str(departure_reason).split()):
            raise NotNow(f"{why_not} Please say why the panel decided this all the same.")
        now = self.clock.now()
        out = [p.id for p in members(self.session) if self.panel.has_interest(p.id, bid.id)]
        made = AwardMade(
            application=bid.id,
            outcome=outcome,
            amount=amount,
            reason=words,
            departure=why_not,
            departure_reason=_words(departure_reason, "why the panel decided this") if why_not else "",
            present=[p.id for p in members(self.session) if p.is_present(now) and p.id not in out],
            stepped_out=out,
        )
        previous = award_of(self.panel, bid.id)
        if (
            previous is not None
            and not previous.to_confirm
            and (previous.outcome, previous.amount_pence, previous.reason) == (outcome, amount, words)
        ):
            return []  # as it is already (one to confirm is made again: that is the confirming)
        return self._emit(Kind.AWARD_MAKE, made)

    def _refer(self, bid: Application, reason: str) -> list[Event]:
        """The recorded exception: the panel cannot decide (every member stepped out), so the funder does."""
        words = _words(reason, "why it goes to the funder")
        previous = award_of(self.panel, bid.id)
        if (
            previous is not None
            and not previous.to_confirm
            and (previous.outcome, previous.reason) == ("refer to the funder", words)
        ):
            return []  # as it is already
        out = [p.id for p in members(self.session) if self.panel.has_interest(p.id, bid.id)]
        referred = AwardMade(
            application=bid.id, outcome="refer to the funder", amount=0, reason=words, present=[], stepped_out=out
        )
        return self._emit(Kind.AWARD_MAKE, referred)

    # Ties.

    @command(FACILITATOR, OrderTie, "put tied applications in order", chairs=True)
    def order_tie(self, applications: list[str], reason: str) -> list[Event]:
        """The chair's order for applications the tie-break rule could not separate, with the panel's reason."""
        self._for_the_chair()
        if self.panel.revealed_at is None:
            raise NotNow("Ties are put in order after the scores are revealed.")
        ids = [self._open_application(a).id for a in applications]
        if len(set(ids)) != len(ids) or len(ids) < 2:
            raise NotNow("Name two or more different applications, first first.")
        places = {r.application.id: r for r in ranking(self.panel, chair_orders=False)}
        tied = {(places[a].place, places[a].tied) for a in ids}
        if len(tied) != 1 or not next(iter(tied))[1]:
            raise NotNow("Those applications are not tied, so their order is the ranking's.")
        return self._emit(
            Kind.TIE_ORDER, TieOrdered(applications=ids, reason=_words(reason, "why this one comes first"))
        )
