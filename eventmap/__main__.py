"""`python -m eventmap`: see `eventmap.cli`."""

import sys

from eventmap.cli import main

sys.exit(main())
