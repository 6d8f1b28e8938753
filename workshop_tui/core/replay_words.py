"""Each kind of event in plain words, for the replay timeline."""

EVENT_WORDS = {
    "session.start": "the session was set up",
    "timer.start": "the timer started",
    "timer.pause": "the timer paused",
    "step.next": "on to the next step",
    "step.previous": "back to the previous step",
    "step.extend": "time changed on this step",
    "session.finish": "the session finished",
    "agenda.insert": "a step was added",
    "agenda.change": "a step was changed",
    "agenda.skip": "a step was skipped",
    "agenda.unskip": "a skipped step came back",
    "agenda.remove": "a step was removed",
    "agenda.move": "a step was moved",
    "note.add": "a note was taken",
    "note.edit": "a note was changed",
    "note.remove": "a note was removed",
    "note.restore": "a note came back",
    "note.dealt_with": "a parking-lot point was dealt with",
    "decision.add": "a decision was recorded",
    "action.add": "an action was added",
    "action.done": "an action was done",
    "action.reopen": "an action was opened again",
    "person.add": "someone joined the roster",
    "person.arrive": "someone arrived",
    "person.leave": "someone left",
}


def event_words(kind: str) -> str:
    return EVENT_WORDS.get(kind, kind)
