"""jobkg's web app (Streamlit): one module per page under screens/, the shared pieces beside
them. Presentation only: every answer comes from jobkg.KnowledgeBase, the same functions
the CLI calls. `streamlit run app.py` (in a checkout) and `jobkg app` (anywhere) start it."""
