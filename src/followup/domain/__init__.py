"""Plain data, the follow-up rules, dates and working days: no Textual, no SQL."""
