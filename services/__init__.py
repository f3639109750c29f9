"""What the pages do, without Streamlit: testable with bytes and frames.

`services.loading` loads and geocodes one file (its path or its bytes) and says which file the app shows;
`services.places` finds the places to review, their candidates and the points a person may save;
`services.follow` says what the view does when the data changes; `services.exports` lists the files the
export panel offers for the view on screen. Services stand on the renderers, the
scene, the events core, `geo` and `base`; `ui` calls them and keeps only widgets, session state and caching.
"""
