# Everyday commands. `make test` is the one documented test command (also what CI runs).
PY ?= python

.PHONY: install run test lint demo bench
install:
	$(PY) -m pip install -r requirements.txt

run:
	streamlit run app.py

test:
	bash scripts/test.sh

lint:
	ruff check .
	ruff format --check .

demo:
	$(PY) -m cscdash demo

bench:
	$(PY) bench/bench_demo.py
