from safetysite.cli import main

raise SystemExit(main())
