"""What the pages do, without Streamlit: testable with bytes and frames.

`services.loading` loads and geocodes one file (its path or its bytes) and says which file the app shows;
`services.places` finds the places to review and their candidates. Services stand on the renderers, the
scene, the events core, `geo` and `base`; `ui` calls them and keeps only widgets, session state and caching.
"""
