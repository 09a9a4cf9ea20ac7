"""``python -m generator`` is the ``handbook`` command."""

import sys

from generator.cli.main import main

sys.exit(main())
