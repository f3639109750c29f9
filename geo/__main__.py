"""`python -m geo lookup NAME` / `python -m geo geocode IN.csv -o OUT.csv` (see `geo.cli`)."""

import sys

from geo.cli import main

sys.exit(main())
