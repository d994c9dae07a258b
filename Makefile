# The two commands of the README. Both set up whatever the machine lacks first.
.PHONY: edition test setup lint check

edition:
	scripts/setup.sh
	.venv/bin/edition build --draft-unless-published

# The suite tests the toolkit on its own fixtures; `edition check` then checks the live
# edition (source/ and tei/: every document right, encoded, valid, tei/ fresh), naming
# the document and the source line of any problem.
test:
	scripts/setup.sh --test
	.venv/bin/ruff check .
	.venv/bin/pytest
	.venv/bin/edition check

check:
	.venv/bin/edition check

lint:
	.venv/bin/ruff check .
