"""The pay area (Palkat): the month's pay run, the confirmed runs and the statements."""
