"""``python -m generator`` runs the ``xuehui`` command."""

import sys

from generator.cli import main

sys.exit(main())
