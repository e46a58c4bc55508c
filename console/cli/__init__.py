"""The `gridconsole` command line."""
