"""Reusable Streamlit widgets and shared UI state."""
