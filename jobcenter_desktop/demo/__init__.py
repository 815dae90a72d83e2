"""The demo centre: believable registers and a lived-in fortnight of work."""
