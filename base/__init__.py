"""The floor every other package stands on: it imports nothing of ours.

The errors root (`base.errors`), structured problems (`base.problems`), settings from the environment
(`base.settings`), atomic writes (`base.atomic`), CSV writing that spreadsheets cannot run
(`base.csv_safety`) and the reading of bytes into a text table (`base.reading`). `geo` stands on it;
`eventmap` stands on both.
"""
