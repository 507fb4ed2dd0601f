import gc

# Loading the command line and what it needs (pydantic builds its validators) makes a hundred thousand
# objects that last as long as the process and next to no garbage: the cyclic collector, set off again and
# again by those allocations, would walk them over and over, and again at exit. It waits while they load,
# and then leaves them out of its walks (a tenth of a `check` of 100 entries; see bench/).
gc.disable()
from generator.cli.main import main  # noqa: E402

gc.freeze()
gc.enable()

raise SystemExit(main())
