"""The bundled sample corpus: five GitLab handbook pages (CC BY-SA 4.0, see NOTICE), shipped as package data."""
