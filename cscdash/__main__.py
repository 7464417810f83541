"""Entry point for ``python -m cscdash``."""

import sys

from cscdash.cli import main

sys.exit(main())
