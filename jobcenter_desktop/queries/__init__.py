"""Read models: plain frozen rows for lists, and form contents for editing."""
