"""The registers: participants, customers, contracts and instructors."""
