"""Territorial control over time: `control_changes.csv`, its validation, and who held what on each day.

For a renderer: `control_on(day, changes=load_control_changes(path).changes, layers=load_layers())`
returns a `ControlState`; draw its `areas` (side, status, geometry, change ids, sources) or take
`state.to_geojson()`, and show `state.caveat` with it. See docs/territorial-control.md.
"""
