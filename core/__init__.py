"""Domain logic: no Streamlit here."""
