"""Reading and writing plans and sessions as TOML files. No Textual here.

Each file is one concept (session_file, plan_files, journal, ...); import what you need from it, so
a command that needs little (such as `stats`) loads little.
"""
