from l10n.cli import main

raise SystemExit(main())
