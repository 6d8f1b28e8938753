"""Pure logic: the countdown, the session engine, replay, scoring and plan checks. No Textual."""
