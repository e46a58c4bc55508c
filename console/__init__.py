"""GridConsole core: domain model, database, workflow, services and CLI.

Nothing in this package imports Qt, `ui` or `reports` (checked by import-linter in the test command).
"""

__version__ = "0.1.0"
