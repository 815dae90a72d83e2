"""Use cases. One call is one transaction and appends one audit entry per change."""
