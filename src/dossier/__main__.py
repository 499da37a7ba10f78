import sys

from dossier.launcher import main

sys.exit(main())
