"""Form contents: what a form holds as typed (text), shared by the screens, the use
cases that check and save it, and the queries that fill a form for editing."""
