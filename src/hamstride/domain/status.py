"""The words a record's status is written and shown in: apart, so that the history's list shows them
without the record's module (its steps and their kinds) being imported for its first frame."""

COMPLETE = "complete"
PARTIAL = "partial"
