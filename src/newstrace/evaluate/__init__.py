"""Scorers behind `newstrace eval`: each reads one folder of ../shared/eval and
returns a report object (figures), which the CLI prints and the test gates check."""
