"""Use cases of the registers: the centre, people, customers, contracts."""
