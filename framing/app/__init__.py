"""What the dashboard needs that is not layout: view models, charts, escaped HTML."""
