# Shortcuts for the scripts in bin/ (each works on its own too).
.PHONY: setup run serve test bench

setup:          ## install Debian packages, .venv and compiled translations
	bash bin/setup

run:            ## the app on SQLite with the demo labs, for trying it out (http://127.0.0.1:5000)
	bash bin/run

serve:          ## the production shape: gunicorn with 4 workers, PostgreSQL, Redis (http://127.0.0.1:8000)
	bash bin/serve

test:           ## the whole test suite, on SQLite and PostgreSQL, with the browser tests
	bash bin/test

bench:          ## every benchmark in bench/, figures added to bench/RESULTS.md with the machine (long: leave it idle)
	bash bin/setup
	.venv/bin/python bench/run_all.py
