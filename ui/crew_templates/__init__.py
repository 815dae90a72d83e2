"""Crew templates (työryhmät): saved crews to put on gigs in one go."""
