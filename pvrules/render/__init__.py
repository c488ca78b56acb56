"""Render: advice and reports as Markdown, JSON, HTML and Word, from jinja2 templates."""
