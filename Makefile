# The two commands of the README. Both set up whatever the machine lacks first.
.PHONY: edition test setup lint

edition:
	scripts/setup.sh
	.venv/bin/edition build

test:
	scripts/setup.sh --test
	.venv/bin/ruff check .
	.venv/bin/pytest

lint:
	.venv/bin/ruff check .
