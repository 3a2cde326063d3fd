"""The full-screen app: screens, widgets and styles. The only layer that imports Textual."""
